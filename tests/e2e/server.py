"""Start and stop the real app (``streamlit run app.py``) on a free port for browser work.

Shared by the e2e tests (tests/e2e/conftest.py) and docs/make_screenshot.py.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent
CHROMIUM_CANDIDATES = ("/usr/bin/chromium",)
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]
STARTUP_TIMEOUT = 60.0


@dataclass(frozen=True)
class Server:
    url: str
    db_path: Path
    log_path: Path


def find_chromium() -> str | None:
    """The Chromium executable: /usr/bin/chromium or ``chromium`` on PATH, else None."""
    for candidate in CHROMIUM_CANDIDATES:
        if os.access(candidate, os.X_OK):
            return candidate
    return shutil.which("chromium")


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _healthy(url: str) -> bool:
    try:
        with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as response:
            return bool(response.status == 200)
    except (urllib.error.URLError, OSError):
        return False


def _stop(process: subprocess.Popen[bytes]) -> None:
    if process.poll() is not None:
        return
    process.terminate()
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(timeout=10)


@contextmanager
def running_app(db_path: Path, *, log_path: Path | None = None) -> Iterator[Server]:
    """Run ``streamlit run app.py`` from the repo root with CHECKS_DB=db_path until exit."""
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    log_path = log_path or db_path.with_suffix(".log")
    env = dict(os.environ, CHECKS_DB=str(db_path))
    env.pop("CHECKS_VERDICT_SCALE", None)
    command = [
        sys.executable, "-m", "streamlit", "run", "app.py",
        "--server.port", str(port),
        "--server.headless", "true",
        "--server.address", "127.0.0.1",
        "--browser.gatherUsageStats", "false",
    ]  # fmt: skip
    with open(log_path, "wb") as log:
        process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=log, stderr=log)
        try:
            deadline = time.monotonic() + STARTUP_TIMEOUT
            while not _healthy(url):
                if process.poll() is not None:
                    raise RuntimeError(
                        f"streamlit exited with {process.returncode}:\n{log_path.read_text()}"
                    )
                if time.monotonic() > deadline:
                    raise RuntimeError(f"streamlit not healthy after {STARTUP_TIMEOUT}s")
                time.sleep(0.2)
            yield Server(url=url, db_path=db_path, log_path=log_path)
        finally:
            _stop(process)
