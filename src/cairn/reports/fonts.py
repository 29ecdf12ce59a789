"""Fonts for what people type beyond Latin: Chinese, Japanese, Korean, emoji.

Reports set text in DejaVu Sans (shipped with matplotlib). A character DejaVu lacks
falls back, glyph by glyph, to the first fallback font that has it: Droid Sans
Fallback (Apache-2.0; Han, kana, Hangul) and Symbola (free for any use; emoji and
symbols), both TrueType, both from Debian (``fonts-droid-fallback``,
``fonts-symbola``; ``.ci/run`` installs them). The PDF embeds the glyphs it uses;
charts list the fallbacks after DejaVu. Without the fonts such characters show as
empty boxes, as before, and nothing is printed about it.
"""

from __future__ import annotations

import warnings
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from xml.sax.saxutils import escape

# (ReportLab name, candidate files): the first file found is used.
FALLBACK_FILES = (
    # the plain file: Han, kana and all 11,172 Hangul syllables ("Full" has 3 of them)
    ("CairnFallbackCJK", ("/usr/share/fonts-droid-fallback/truetype/DroidSansFallback.ttf",
                          "/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf")),
    ("CairnFallbackSymbols", ("/usr/share/fonts/truetype/ancient-scripts/Symbola_hint.ttf",
                              "/usr/share/fonts/truetype/symbola/Symbola.ttf")),
)
# matplotlib's complaints about a glyph no font has; Cairn shows a box and says nothing.
GLYPH_WARNING = r"Glyph \d+ .* missing from (current )?font"


@dataclass(frozen=True)
class Fallback:
    """A fallback font: its ReportLab name, file, and the code points it covers."""

    name: str
    path: Path
    covers: frozenset[int]


@cache
def fallbacks() -> tuple[Fallback, ...]:
    """The fallback fonts present on this machine, in order of preference."""
    from reportlab.pdfbase.ttfonts import TTFont

    found = []
    for name, candidates in FALLBACK_FILES:
        path = next((Path(p) for p in candidates if Path(p).is_file()), None)
        if path is not None:
            font = TTFont(name, str(path))
            found.append(Fallback(name, path, frozenset(font.face.charToGlyph)))
    return tuple(found)


def register_reportlab() -> None:
    """Make the fallback fonts known to ReportLab (once per process)."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    known = set(pdfmetrics.getRegisteredFontNames())
    for fb in fallbacks():
        if fb.name not in known:
            pdfmetrics.registerFont(TTFont(fb.name, str(fb.path)))


def _runs(text: str, primary: frozenset[int]) -> Iterator[tuple[str | None, str]]:
    """Split text into runs of (fallback font name or None for the primary font, text)."""
    current: str | None = None
    run: list[str] = []
    for char in text:
        code = ord(char)
        face = None
        if code not in primary and not char.isspace():
            face = next((fb.name for fb in fallbacks() if code in fb.covers), None)
        if face != current and run:
            yield current, "".join(run)
            run = []
        current = face
        run.append(char)
    if run:
        yield current, "".join(run)


def markup(text: str, primary: frozenset[int]) -> str:
    """Text escaped for ReportLab's paragraph markup, with each run of characters the
    primary font lacks set in the fallback font that has them."""
    return "".join(escape(part) if face is None else f'<font face="{face}">{escape(part)}</font>'
                   for face, part in _runs(text, primary))


@cache
def matplotlib_families() -> tuple[str, ...]:
    """Register the fallback fonts with matplotlib; their family names, in order."""
    from matplotlib import font_manager

    manager = font_manager.fontManager
    names = []
    for fb in fallbacks():
        name = font_manager.FontProperties(fname=str(fb.path)).get_name()
        # the family name must mean this file: another file of the same family (Droid
        # Sans Fallback Full has the same name and no Hangul) is set aside
        manager.ttflist = [f for f in manager.ttflist if f.name != name]
        manager.addfont(str(fb.path))
        names.append(name)
    return tuple(names)


def quiet_matplotlib() -> None:
    """No glyph or font-search warnings from matplotlib on the person's terminal."""
    import logging

    warnings.filterwarnings("ignore", message=GLYPH_WARNING)
    logging.getLogger("matplotlib.font_manager").setLevel(logging.ERROR)
