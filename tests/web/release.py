"""A real O*NET release zip for the upload tests, built in a temporary folder from the files
of the release Cairn imports (never committed)."""

from __future__ import annotations

import zipfile
from pathlib import Path

from cairn.catalog.release import EXPECTED, README


def build_zip(onet_dir: Path, folder: Path) -> Path:
    """``db_30_1_text.zip``: the files Cairn reads, from the release at ``onet_dir``, under
    the release's own folder name, as O*NET ships them."""
    target = folder / "db_30_1_text.zip"
    if not target.exists():
        with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as archive:
            for name in [*EXPECTED, README]:
                archive.write(onet_dir / name, f"{onet_dir.name}/{name}")
    return target
