"""One module per ``rebuttal`` subcommand."""
