"""Questionnaires Cairn ships as data (TOML), read by the engine in core/assessment.py."""
