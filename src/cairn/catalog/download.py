"""Downloading the O*NET text release zip, with progress, using the standard library."""

from __future__ import annotations

import urllib.error
import urllib.request
from pathlib import Path

from cairn.catalog.importer import Progress
from cairn.core.errors import CatalogError

CHUNK = 256 * 1024
TIMEOUT_SECONDS = 30


def download(url: str, target: Path, progress: Progress) -> Path:
    """Fetch ``url`` into ``target``; a failure says how to install from a local copy."""
    hint = (
        "Without internet, download db_30_1_text.zip from "
        "https://www.onetcenter.org/database.html on another machine and run "
        "`cairn catalog install --from PATH/db_30_1_text.zip` (a zip or the unpacked folder); "
        "or point CAIRN_ONET_URL at a reachable copy."
    )
    if not url.startswith(("https://", "http://")):
        raise CatalogError(f"The O*NET URL {url!r} is not an http(s) address.", hint)
    request = urllib.request.Request(url, headers={"User-Agent": "cairn"})  # noqa: S310 - scheme checked
    try:
        with urllib.request.urlopen(request, timeout=TIMEOUT_SECONDS) as response:  # noqa: S310
            total = int(response.headers.get("Content-Length") or 0)
            progress.start("download", total)
            done = 0
            with target.open("wb") as out:
                while chunk := response.read(CHUNK):
                    out.write(chunk)
                    done += len(chunk)
                    progress.update(done)
    except (urllib.error.URLError, OSError, ValueError) as exc:
        target.unlink(missing_ok=True)
        reason = getattr(exc, "reason", exc)
        raise CatalogError(f"Could not download the O*NET release from {url}: {reason}.",
                           hint) from exc
    return target

