"""A real Chroma server (``chroma run`` from this environment) on a free loopback port, for the server-mode suite."""

from __future__ import annotations

import contextlib
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

CHROMA = Path(sys.executable).parent / "chroma"
TIMINGS: list[str] = []


def pytest_terminal_summary(terminalreporter):
    if TIMINGS:
        terminalreporter.section("summit-bot on a Chroma server: timings")
        for line in TIMINGS:
            terminalreporter.write_line(line)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class ChromaServer:
    """One ``chroma run`` process over a directory; stop and start it again on the same port to cause outages."""

    def __init__(self, path: Path, port: int | None = None) -> None:
        self.path = path
        self.host = "127.0.0.1"
        self.port = port or free_port()
        self._process: subprocess.Popen[bytes] | None = None
        self._log = path.with_name(f"{path.name}.log")

    def env(self) -> dict[str, str]:
        """The settings that aim summit-bot at this server."""
        return {"SUMMIT_STORE__MODE": "server", "SUMMIT_STORE__HOST": self.host, "SUMMIT_STORE__PORT": str(self.port)}

    def alive(self) -> bool:
        try:
            with urllib.request.urlopen(f"http://{self.host}:{self.port}/api/v2/heartbeat", timeout=1) as r:
                return r.status == 200
        except OSError:
            return False

    def start(self, *, timeout: float = 60.0) -> ChromaServer:
        assert CHROMA.is_file(), f"{CHROMA} is missing: chromadb installs it"
        self.path.mkdir(parents=True, exist_ok=True)
        with self._log.open("ab") as log:
            self._process = subprocess.Popen(
                [str(CHROMA), "run", "--path", str(self.path), "--port", str(self.port), "--host", self.host],
                stdout=log,
                stderr=subprocess.STDOUT,
                stdin=subprocess.DEVNULL,
            )
        deadline = time.monotonic() + timeout
        while not self.alive():
            if self._process.poll() is not None:
                tail = self._log.read_text()[-2000:]
                raise RuntimeError(f"chroma run exited with {self._process.returncode}: {tail}")
            if time.monotonic() > deadline:
                self.stop()
                raise RuntimeError(f"chroma run did not answer its heartbeat in {timeout} s")
            time.sleep(0.1)
        return self

    def stop(self) -> None:
        if self._process is None:
            return
        self._process.terminate()
        try:
            self._process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            self._process.kill()
            self._process.wait()
        self._process = None


@pytest.fixture(scope="session")
def chroma_server(tmp_path_factory):
    """A Chroma server shared by the suite's tests (each uses its own collections through a fresh manifest)."""
    server = ChromaServer(tmp_path_factory.mktemp("chroma-server") / "data").start()
    yield server
    server.stop()


@pytest.fixture
def own_server(tmp_path):
    """A Chroma server of this test's own, which the test may stop and start."""
    server = ChromaServer(tmp_path / "chroma-data").start()
    yield server
    with contextlib.suppress(Exception):
        server.stop()
