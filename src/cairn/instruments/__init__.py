"""Questionnaire definitions shipped with Cairn, as TOML data read by services."""
