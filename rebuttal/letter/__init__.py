"""One letter: its outline (TOML), its assembly into a document, its checks against a venue."""
