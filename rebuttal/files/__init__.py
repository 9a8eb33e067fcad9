"""Files on disk: atomic writes."""
