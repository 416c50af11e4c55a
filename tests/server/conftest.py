"""A real Chroma server (``chroma run`` from this environment) on a free loopback port, for the server-mode suite."""

from __future__ import annotations

import contextlib

import pytest

from bot.chroma_server import CHROMA, ChromaServer, free_port

__all__ = ["CHROMA", "ChromaServer", "free_port"]
TIMINGS: list[str] = []


def pytest_terminal_summary(terminalreporter):
    if TIMINGS:
        terminalreporter.section("summit-bot on a Chroma server: timings")
        for line in TIMINGS:
            terminalreporter.write_line(line)


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
