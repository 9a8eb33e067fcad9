"""TOML files people write: read with located errors, typed fields, edited in place."""
