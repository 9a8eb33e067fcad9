"""The letter's exchange with Word: the DOCX out (writer), back (reader), what an export remembers, PDF."""
