"""A real Chroma server (``chroma run`` from this environment) on a loopback port: for the bench and the tests."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

CHROMA = Path(sys.executable).parent / "chroma"


def free_port() -> int:
    """A TCP port on the loopback interface that nothing listens on now."""
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
        """Whether the server answers its heartbeat."""
        try:
            with urllib.request.urlopen(f"http://{self.host}:{self.port}/api/v2/heartbeat", timeout=1) as r:
                return bool(r.status == 200)
        except OSError:
            return False

    def start(self, *, timeout: float = 60.0) -> ChromaServer:
        """Start ``chroma run`` and wait for its heartbeat.

        Raises:
            RuntimeError: the program is missing, exits, or does not answer within ``timeout`` seconds.

        """
        if not CHROMA.is_file():
            raise RuntimeError(f"{CHROMA} is missing: chromadb installs it (make install)")
        self.path.mkdir(parents=True, exist_ok=True)
        with self._log.open("ab") as log:
            self._process = subprocess.Popen(  # noqa: S603 - our own environment's chroma, fixed arguments
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
        """Stop the server (terminate, then kill after 15 s)."""
        if self._process is None:
            return
        self._process.terminate()
        try:
            self._process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            self._process.kill()
            self._process.wait()
        self._process = None
