"""References: the bibliography, CSL styles and formatting, importers, look-ups, the target article."""
