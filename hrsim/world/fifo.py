"""A first-in-first-out queue of request ids, stored in one numpy array."""

from __future__ import annotations

import numpy as np


class Fifo:
    """FIFO of integer ids with vectorised push and pop.

    Example:
        >>> q = Fifo(); q.push(np.array([3, 1, 2])); q.pop(2).tolist(), len(q)
        ([3, 1], 1)
    """

    def __init__(self) -> None:
        self._items = np.empty(64, np.int64)
        self._head = self._tail = 0

    def __len__(self) -> int:
        return self._tail - self._head

    def push(self, ids: np.ndarray) -> None:
        """Append ids at the back."""
        n = len(ids)
        if not n:
            return
        if self._tail + n > len(self._items):
            live = self._items[self._head:self._tail]
            self._items = np.empty(max(2 * (len(live) + n), 64), np.int64)
            self._items[:len(live)] = live
            self._head, self._tail = 0, len(live)
        self._items[self._tail:self._tail + n] = ids
        self._tail += n

    def peek(self) -> np.ndarray:
        """All ids in order, without removing them."""
        return self._items[self._head:self._tail]

    def pop(self, n: int) -> np.ndarray:
        """Remove and return up to `n` ids from the front."""
        n = min(max(n, 0), len(self))
        out = self._items[self._head:self._head + n].copy()
        self._head += n
        return out
