"""The letter being edited in the app, without any user interface: session, undo, autosave, status."""
