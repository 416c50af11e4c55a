"""The last question of each conversation (a channel or a thread), bounded in number and age."""

from __future__ import annotations

import threading
import time
from collections import OrderedDict
from collections.abc import Callable


class Conversations:
    """Remembers the last question asked per conversation; the oldest conversations are forgotten first."""

    def __init__(self, *, size: int, max_age: float, clock: Callable[[], float] = time.monotonic) -> None:
        """Keep at most ``size`` conversations, each for ``max_age`` seconds after its last question.

        Raises:
            ValueError: ``size`` or ``max_age`` is not positive.

        """
        if size <= 0 or max_age <= 0:
            raise ValueError(f"size and max_age must be positive, got {size} and {max_age}")
        self.size = size
        self.max_age = max_age
        self._clock = clock
        self._last: OrderedDict[int, tuple[float, str]] = OrderedDict()
        self._lock = threading.Lock()

    def __len__(self) -> int:
        """How many conversations are kept."""
        return len(self._last)

    def remember(self, conversation: int, question: str) -> None:
        """Note ``question`` as the conversation's latest, evicting the stalest conversations beyond ``size``."""
        with self._lock:
            self._last[conversation] = (self._clock(), question)
            self._last.move_to_end(conversation)
            while len(self._last) > self.size:
                self._last.popitem(last=False)

    def previous(self, conversation: int) -> str | None:
        """The conversation's latest question, or None when there is none or it is too old."""
        with self._lock:
            entry = self._last.get(conversation)
            if entry is None:
                return None
            if self._clock() - entry[0] > self.max_age:
                del self._last[conversation]
                return None
            return entry[1]
