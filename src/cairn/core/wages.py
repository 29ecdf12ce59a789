"""BLS wages for O*NET occupations: which BLS figure belongs to which occupation, and how to say it.

BLS (OEWS) publishes wages per 2018 SOC code; O*NET-SOC codes add a suffix
(``15-1252.00``). Three ways an O*NET occupation gets a figure:

- ``same``: its own SOC code (an O*NET ``.00`` code whose SOC code BLS publishes);
- ``part``: an O*NET specialty (``15-1211.01``) of a SOC occupation BLS publishes
  (``15-1211`` Computer Systems Analysts): the figure is the whole SOC occupation's;
- ``broader``: BLS publishes no figure for its SOC code, only for a code that
  includes it: the one detailed code of its broad group that no O*NET occupation
  claims (SOC 2018 merged ``21-1011`` and ``21-1014`` into ``21-1018``), else the
  broad group itself (``25-2050``).

BLS publishes some occupations only as an hourly median (performers: ``A_MEDIAN`` is
``*``, ``HOURLY`` is TRUE). Cairn never shows a year's pay for them as BLS's; where a
year is needed (income fit, wage bands) it uses hourly x 2,080 and says it is Cairn's
estimate.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

SAME, PART, BROADER = "same", "part", "broader"
HOURS_PER_YEAR = 2080  # 52 weeks x 40 hours, BLS's own factor
DETAILED, BROAD = "detailed", "broad"


@dataclass(frozen=True, slots=True)
class Wage:
    """National wage figures (BLS OEWS) for an occupation, and which BLS code they are for.

    ``annual_median`` is what BLS published (None for hourly-only occupations);
    ``top_coded`` means BLS published the ceiling ($239,200 a year, $115.00 an hour):
    the true median is at least that.
    """

    soc_code: str
    annual_median: float | None
    hourly_median: float | None
    employment: int | None
    top_coded: bool
    title: str = ""
    basis: str = SAME
    hourly_only: bool = False

    @property
    def annual_estimate(self) -> float | None:
        """Cairn's estimate of a year's pay (hourly x 2,080) when BLS published only hourly."""
        if self.annual_median is None and self.hourly_median is not None:
            return round(self.hourly_median * HOURS_PER_YEAR)
        return None

    @property
    def annual_for_fit(self) -> float | None:
        """The annual figure income fit and wage bands use: BLS's, else Cairn's estimate."""
        return self.annual_median if self.annual_median is not None else self.annual_estimate


@dataclass(frozen=True, slots=True)
class WageLink:
    """Which BLS code gives an O*NET occupation its wage, and how (same, part, broader)."""

    code: str
    soc_code: str
    basis: str


def link_wages(codes: Iterable[str], published: Mapping[str, str]) -> list[WageLink]:
    """The BLS code of each O*NET occupation that has one.

    ``published`` maps each SOC code BLS publishes to its group (``detailed`` or
    ``broad``; a code published as both is ``detailed``).
    """
    codes = list(codes)
    claimed = {c[:7] for c in codes}
    orphans: dict[str, list[str]] = {}  # broad prefix -> detailed codes no O*NET code claims
    for soc, group in published.items():
        if group == DETAILED and soc not in claimed:
            orphans.setdefault(soc[:6], []).append(soc)
    links = []
    for code in codes:
        soc = code[:7]
        if published.get(soc) == DETAILED:
            links.append(WageLink(code, soc, SAME if code.endswith(".00") else PART))
            continue
        merged = orphans.get(soc[:6], [])
        broad = soc[:6] + "0"
        if len(merged) == 1:
            links.append(WageLink(code, merged[0], BROADER))
        elif broad in published:
            links.append(WageLink(code, broad, BROADER))
    return links


# -- saying it --------------------------------------------------------------------------


def money(value: float | None, cents: bool = False) -> str:
    """$133,080 (or $63.98 with cents); '-' for None."""
    if value is None:
        return "-"
    return f"${value:,.2f}" if cents else f"${value:,.0f}"


def annual_text(w: Wage | None) -> str:
    """The annual median as BLS published it: '$133,080', 'at least $239,200',
    'hourly only' or '-'."""
    if w is None:
        return "-"
    if w.annual_median is None:
        return "hourly only" if w.hourly_only else "-"
    return ("at least " if w.top_coded else "") + money(w.annual_median)


def hourly_text(w: Wage | None) -> str:
    """The hourly median as BLS published it: '$63.98', 'at least $115.00' or '-'."""
    if w is None or w.hourly_median is None:
        return "-"
    return ("at least " if w.top_coded else "") + money(w.hourly_median, cents=True)


def source_note(code: str, w: Wage) -> str:
    """Which BLS occupation a figure is for, when it is not the occupation's own code."""
    named = f"{w.soc_code} {w.title}".strip()
    if w.basis == PART:
        return f"BLS figure for {named}, the SOC occupation that includes {code}."
    if w.basis == BROADER:
        return (f"BLS publishes no wage for {code[:7]} on its own: figure for {named}, "
                "which includes it.")
    return ""


def estimate_note(w: Wage) -> str:
    """How Cairn estimated a year's pay, when it did."""
    if w.annual_estimate is None or w.hourly_median is None:
        return ""
    return (f"Cairn's estimate: {money(w.hourly_median, cents=True)} an hour x "
            f"{HOURS_PER_YEAR:,} hours = {money(w.annual_estimate)} a year "
            "(BLS publishes no annual figure).")


def describe(code: str, w: Wage) -> str:
    """One line for an occupation page: both medians as published, and their source."""
    note = ""
    if w.annual_median is None and w.hourly_median is not None:
        figure = f"{hourly_text(w)} an hour"
        note = "BLS publishes only an hourly median for this occupation, no annual one."
    elif w.hourly_median is None:
        figure = f"{annual_text(w)} a year"
        note = "BLS publishes no hourly median for this occupation."
    else:
        figure = f"{annual_text(w)} a year, {hourly_text(w)} an hour"
    parts = [f"{figure} (U.S., BLS OEWS).", note, source_note(code, w)]
    return " ".join(p for p in parts if p)
