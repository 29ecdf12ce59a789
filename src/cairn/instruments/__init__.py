"""Questionnaires Cairn ships as data (TOML): assessments and the check-in."""
