"""Text that is not yet a document: inline markup, author lists, printable characters."""
