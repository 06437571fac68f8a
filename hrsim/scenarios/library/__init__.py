"""The built-in scenario library: one TOML file per scenario (package data)."""
