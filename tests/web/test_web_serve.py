"""``cairn serve``: several workers on loopback, the address printed, the browser opened
only where there is one, a port in use said plainly; ``cairn --help`` stays free of the
web stack."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from cairn.cli import serve
from web.conftest import free_port


def fetch(url: str) -> tuple[int, str]:
    class NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *_args, **_kwargs):
            return None

    opener = urllib.request.build_opener(NoRedirect)
    try:
        with opener.open(url, timeout=5) as answer:
            return answer.status, answer.read().decode()
    except urllib.error.HTTPError as err:
        return err.code, err.headers.get("location", "")


def children(pid: int) -> list[int]:
    found = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
    return [int(c) for c in found]


def test_serve_starts_several_workers_and_stops_on_ctrl_c(tmp_path: Path):
    port = free_port()
    env = {**os.environ, "CAIRN_DATA_DIR": str(tmp_path / "data"), "HOME": str(tmp_path)}
    env.pop("DISPLAY", None)
    env.pop("WAYLAND_DISPLAY", None)
    proc = subprocess.Popen(
        [sys.executable, "-m", "cairn", "--db", f"sqlite:///{tmp_path / 'serve.db'}", "serve",
         "--port", str(port), "--workers", "2"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
    try:
        assert proc.stdout is not None
        line = proc.stdout.readline()
        assert f"Cairn is running at http://127.0.0.1:{port}/" in line
        deadline = time.monotonic() + 60
        while True:
            try:
                status, _ = fetch(f"http://127.0.0.1:{port}/healthz")
                break
            except OSError:
                assert time.monotonic() < deadline, proc.stderr.read() if proc.stderr else ""
                time.sleep(0.2)
        assert status == 200
        assert proc.stdout.readline().strip() == "Open that address in your browser."
        assert fetch(f"http://127.0.0.1:{port}/") == (303, "/onboarding")
        assert fetch(f"http://127.0.0.1:{port}/api/v1/goals") == (200, "[]")
        # uvicorn's supervisor runs the two workers as its child processes
        workers = [w for c in children(proc.pid) for w in [c, *children(c)]]
        assert len(workers) >= 2
    finally:
        proc.send_signal(signal.SIGINT)
        _, err = proc.communicate(timeout=30)
    assert proc.returncode == 0, err
    assert "Traceback" not in err


def test_serve_says_when_the_port_is_in_use(tmp_path: Path):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        done = subprocess.run(
            [sys.executable, "-m", "cairn", "--db", f"sqlite:///{tmp_path / 's.db'}", "serve",
             "--port", str(port), "--no-browser"],
            capture_output=True, text=True, timeout=60, check=False)
    assert done.returncode == 5
    assert f"Port {port} on 127.0.0.1 is in use" in done.stderr
    assert "--port" in done.stderr and "Traceback" not in done.stderr


def test_the_browser_opens_only_where_there_is_one(monkeypatch: pytest.MonkeyPatch):
    import webbrowser

    opened: list[str] = []
    monkeypatch.setattr(sys, "platform", "linux")
    monkeypatch.setattr(webbrowser, "open", lambda url: opened.append(url) or True)
    monkeypatch.delenv("DISPLAY", raising=False)
    monkeypatch.delenv("WAYLAND_DISPLAY", raising=False)
    assert serve.open_browser("http://127.0.0.1:8765/") is False  # a text browser would
    assert opened == []                                          # take over the terminal
    monkeypatch.setenv("DISPLAY", ":0")
    assert serve.open_browser("http://127.0.0.1:8765/") is True
    assert opened == ["http://127.0.0.1:8765/"]

    def broken(_url: str) -> bool:
        raise webbrowser.Error("could not locate runnable browser")

    monkeypatch.setattr(webbrowser, "open", broken)
    assert serve.open_browser("http://127.0.0.1:8765/") is False  # never fails


def test_the_address_to_open():
    assert serve.address("127.0.0.1", 8765) == "http://127.0.0.1:8765/"
    assert serve.address("0.0.0.0", 80) == "http://127.0.0.1:80/"  # noqa: S104
    assert serve.address("::1", 8765) == "http://[::1]:8765/"


def test_help_does_not_load_the_web_stack():
    code = ("import sys; from cairn.cli.main import app\n"
            "try: app(['--help'])\nexcept SystemExit: pass\n"
            "print(sorted(m for m in ('fastapi', 'starlette', 'uvicorn', 'pydantic',"
            " 'cairn.web') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True).stdout
    assert out.strip().splitlines()[-1] == "[]"
