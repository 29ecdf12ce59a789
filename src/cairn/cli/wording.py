"""Goal history in people's words (``services.history_words``, shared with the web)."""

from __future__ import annotations

from cairn.services.history_words import FIELDS, field, value

__all__ = ["FIELDS", "field", "value"]
