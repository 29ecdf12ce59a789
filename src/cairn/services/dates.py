"""Reading dates people type: ISO dates and plain phrases through dateparser."""

from __future__ import annotations

import datetime as dt

from cairn.core.errors import InvalidInput

HINT = "Use YYYY-MM-DD, or a phrase such as 'in 6 months', 'next friday' or 'tomorrow'."


def parse_date(text: str, base: dt.date) -> dt.date:
    """Read ``text`` as a date; relative phrases count from ``base`` (the person's today)."""
    cleaned = text.strip()
    try:
        return dt.date.fromisoformat(cleaned)
    except ValueError:
        pass
    import dateparser  # slow to import: only when a phrase needs it

    anchor = dt.datetime.combine(base, dt.time(12, 0))
    parsed = dateparser.parse(
        cleaned,
        languages=["en"],
        settings={"PREFER_DATES_FROM": "future", "RELATIVE_BASE": anchor,
                  "RETURN_AS_TIMEZONE_AWARE": False},
    )
    if parsed is None:
        raise InvalidInput(f"Cannot read {text!r} as a date.", HINT)
    return parsed.date()


def parse_optional_date(text: str | None, base: dt.date) -> dt.date | None:
    """Like :func:`parse_date`, passing None and the empty string through as None."""
    if text is None or not text.strip():
        return None
    return parse_date(text, base)
