"""A throwaway PostgreSQL cluster for one test run: private, fast, gone at the end.

The shared server (127.0.0.1:5432) is durable: every DROP DATABASE waits for a
checkpoint and every commit for the disk, and other sessions' work makes both
slower. A cluster of our own, made with the same PostgreSQL's ``initdb`` in a
temporary folder with fsync, synchronous_commit and full_page_writes off, on a
free port, runs the same SQL without those waits; it is stopped and deleted when
the session ends. Nothing of the shared server's configuration is touched.
"""

from __future__ import annotations

import os
import pwd
import re
import shutil
import socket
import subprocess
import tempfile
from pathlib import Path

# Durability a throwaway cluster does not need; PostgreSQL runs every query the same.
FAST = ("fsync=off", "synchronous_commit=off", "full_page_writes=off",
        "listen_addresses=127.0.0.1", "max_connections=60", "shared_buffers=64MB")
START_SECONDS = 60


def _bin_dir() -> Path | None:
    """The newest PostgreSQL server binaries on this machine, if any."""
    found = [Path(p).parent for p in Path("/usr/lib/postgresql").glob("*/bin/initdb")]
    if not found:
        on_path = shutil.which("initdb")
        return Path(on_path).parent if on_path else None

    def version(path: Path) -> int:
        match = re.search(r"/(\d+)/bin$", str(path))
        return int(match.group(1)) if match else 0

    return max(found, key=version)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class ThrowawayCluster:
    """``start()`` returns an admin URL, or None with ``error`` saying why not."""

    def __init__(self) -> None:
        self.folder: Path | None = None
        self.error = ""
        self._as_user: list[str] = []
        self._pg_ctl: Path | None = None

    def _run(self, *args: str | Path) -> None:
        subprocess.run([*self._as_user, *map(str, args)], check=True, capture_output=True,
                       text=True, timeout=START_SECONDS)

    def start(self) -> str | None:
        """Make and start the cluster; None (and ``error``) when this machine cannot."""
        bin_dir = _bin_dir()
        if bin_dir is None:
            self.error = "no initdb found"
            return None
        self.folder = Path(tempfile.mkdtemp(prefix="cairn-test-pg-"))
        if os.geteuid() == 0:  # PostgreSQL refuses to run as root: run it as its own user
            try:
                owner = pwd.getpwnam("postgres")
            except KeyError:
                self.error = "running as root and there is no postgres user"
                return None
            os.chown(self.folder, owner.pw_uid, owner.pw_gid)
            self._as_user = ["runuser", "-u", "postgres", "--"]
        data, self._pg_ctl = self.folder / "data", bin_dir / "pg_ctl"
        port = _free_port()
        options = " ".join([f"-p {port}", f"-k {self.folder}", *(f"-c {o}" for o in FAST)])
        try:
            self._run(bin_dir / "initdb", "-D", data, "-U", "postgres", "-A", "trust",
                      "-E", "UTF8", "--no-sync", "--no-instructions")
            self._run(self._pg_ctl, "-D", data, "-o", options, "-l", self.folder / "log",
                      "-w", "-t", str(START_SECONDS), "start")
        except (OSError, subprocess.SubprocessError) as exc:
            detail = getattr(exc, "stderr", "") or exc
            self.error = f"could not start a throwaway cluster: {detail}"
            self.stop()
            return None
        return f"postgresql+psycopg://postgres@127.0.0.1:{port}/postgres"

    def stop(self) -> None:
        """Stop the cluster at once (nothing in it is kept) and delete its folder."""
        if self.folder is None:
            return
        data = self.folder / "data"
        if self._pg_ctl is not None and (data / "postmaster.pid").exists():
            try:
                self._run(self._pg_ctl, "-D", data, "-m", "immediate", "-w", "stop")
            except (OSError, subprocess.SubprocessError) as exc:
                self.error = f"could not stop the throwaway cluster in {self.folder}: {exc}"
                return  # never delete the folder of a server that may still run
        shutil.rmtree(self.folder, ignore_errors=True)
        self.folder = None
