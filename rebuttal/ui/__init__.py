"""The interactive app (Textual). Only this package imports Textual."""
