"""The server store's backoff and its laziness, without a server."""

import pytest

from config.errors import StoreUnavailableError
from retrieval.remote import Backoff, ServerStore
from tests.server.conftest import free_port


class Clock:
    def __init__(self):
        self.now = 100.0

    def __call__(self):
        return self.now


def test_the_backoff_doubles_up_to_its_cap_and_starts_over_after_a_success():
    clock = Clock()
    backoff = Backoff(first=0.5, most=3.0, clock=clock)
    assert not backoff.down
    assert backoff.waiting == 0
    assert [backoff.failed() for _ in range(5)] == [0.5, 1.0, 2.0, 3.0, 3.0]
    assert backoff.down
    assert backoff.waiting == 3.0
    clock.now += 3.0
    assert backoff.waiting == 0
    backoff.succeeded()
    assert not backoff.down
    assert backoff.failed() == 0.5


@pytest.mark.parametrize(("first", "most"), [(0.0, 1.0), (2.0, 1.0)])
def test_a_backoff_needs_a_positive_first_wait_below_its_cap(first, most):
    with pytest.raises(ValueError, match="first"):
        Backoff(first=first, most=most)


def test_a_server_store_connects_on_first_use_and_fails_fast_within_its_backoff():
    port = free_port()
    store = ServerStore(host="127.0.0.1", port=port, backoff=Backoff(first=60.0, most=60.0))  # nothing is sent yet
    with pytest.raises(StoreUnavailableError, match=rf"Chroma server at 127\.0\.0\.1:{port} \(SUMMIT_STORE__HOST"):
        store.collections()
    with pytest.raises(StoreUnavailableError, match="trying again in"):
        store.collections()
    assert store.describe() == {"mode": "server", "path": None, "host": "127.0.0.1", "port": port, "ssl": False}
