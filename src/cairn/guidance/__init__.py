"""Guidance data shipped with Cairn: advice rules and goal templates (TOML)."""
