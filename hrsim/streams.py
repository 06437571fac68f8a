"""Random numbers for common-random-number comparisons: one stream per mechanism, keyed by entity.

Scenarios run with the same seed should differ only where their mechanisms differ. Two tools give
that:

* ``streams[name]`` — a numpy Generator per mechanism, for draws whose number never depends on
  policy (the population, the daily needs, forum invitations);
* ``streams.uniform(name, *keys)`` — a uniform number fixed by the mechanism and the entity and
  event it is for (e.g. request 512, visit 2). The same visit of the same request gets the same draw
  in every scenario, however many other draws a policy adds or removes (Starsim's approach, arXiv
  2409.02086).

numpy has no vectorised keyed (counter-based) generator, so the keyed draws hash their keys with the
SplitMix64 finaliser, the standard 64-bit mixer used to seed generators.

Every stream is named by a `Stream` member: a misspelt name is an error, never a new stream.
"""

from __future__ import annotations

import functools
import zlib
from enum import StrEnum

import numpy as np
from numpy.typing import ArrayLike
from scipy.stats import poisson

_M1_INT, _M2_INT = 0xBF58476D1CE4E5B9, 0x94D049BB133111EB
_M1, _M2 = np.uint64(_M1_INT), np.uint64(_M2_INT)
_S11, _S27, _S30, _S31 = (np.uint64(s) for s in (11, 27, 30, 31))
_MASK = 2**64 - 1
_FEW = 4  # up to this many draws, keyed draws are computed on Python integers
# odd multipliers that spread each key position over all 64 bits before mixing
_KEY_WEIGHTS_INT = (0x9E3779B97F4A7C15, 0xC2B2AE3D27D4EB4F, 0x165667B19E3779F9,
                    0xD6E8FEB86659FD93, 0xFF51AFD7ED558CCD)
_KEY_WEIGHTS = tuple(np.uint64(c) for c in _KEY_WEIGHTS_INT)


class Stream(StrEnum):
    """The name of every random stream of the model (its value is hashed into the stream)."""

    # generators (``streams[name]``): draws whose number never depends on policy
    POPULATION = "population"
    NEEDS = "needs"
    STAFF = "staff"
    FORUMS = "forums"
    ARRIVALS = "arrivals"  # validation of the counter against Erlang C
    COUNTER = "counter"
    # per-visit decisions, drawn together once a day for the day's visitors
    ARRIVAL = "arrival"
    SERVICE = "service"
    PATIENCE = "patience"
    RATION = "ration"
    DOCUMENTS = "documents"
    FEE = "fee"
    CALO = "calo"
    PICKUP_AGAIN = "pickup again"
    RETRY = "retry"
    RETURN = "return"
    COMPLAIN = "complain"
    TALK = "talk"
    CONTACTS = "contacts"
    # keyed by request, visit and more
    VISIT = "visit"
    RATING = "rating"
    RESPONSE_STYLE = "response style"
    REJECTED = "rejected"
    BOUNCED = "bounced"
    LISTENER = "listener"
    AGENCY = "agency"
    AVAILABLE = "available"
    BACK_OFFICE_WORK = "back office work"
    BACK_OFFICE_ERROR = "back office error"
    SURVEY = "survey"
    COPING = "coping"
    LEAVE = "leave"
    POTENTIAL = "potential"
    MOBILE_UNIT = "mobile unit"


def _mix(x: np.ndarray) -> np.ndarray:
    """SplitMix64 finaliser on a uint64 array, in place (wrapping arithmetic, no warnings).

    In place because the keyed draws call it thousands of times a run on arrays they own: a fresh
    array per operation cost more than the arithmetic.
    """
    x ^= x >> _S30
    x *= _M1
    x ^= x >> _S27
    x *= _M2
    x ^= x >> _S31
    return x


def _mix_int(x: int) -> int:
    """`_mix` on one Python integer (the same bits: every product wraps modulo 2**64)."""
    x = ((x ^ (x >> 30)) * _M1_INT) & _MASK
    x = ((x ^ (x >> 27)) * _M2_INT) & _MASK
    return x ^ (x >> 31)


def _name_key(name: str) -> int:
    return zlib.crc32(name.encode())  # stable across processes, unlike hash()


class Streams:
    """Random streams of one run, derived from its integer seed.

    Args:
        seed: The run's integer seed.

    Example:
        >>> s = Streams(7)
        >>> bool(s.uniform("arrival", [3], [1]) == Streams(7).uniform("arrival", [3], [1]))
        True
    """

    def __init__(self, seed: int) -> None:
        self.seed = int(seed)
        self._streams: dict[str, np.random.Generator] = {}
        self._prefixes: dict[str, int] = {}

    def __getitem__(self, name: Stream) -> np.random.Generator:
        if name not in self._streams:
            Stream(name)  # a misspelt name raises ValueError
            key = np.random.SeedSequence(self.seed, spawn_key=(_name_key(name),))
            self._streams[name] = np.random.default_rng(key)
        return self._streams[name]

    def uniform(self, name: Stream, *keys: ArrayLike) -> np.ndarray:
        """Uniform numbers in [0, 1) fixed by the mechanism `name` and the (broadcast) `keys`.

        Keys are non-negative integers (up to five positions), e.g. ``(request_ids, visit)``.
        The result has the keys' broadcast shape (at least one dimension).
        """
        prefix = self._prefixes.get(name)
        if prefix is None:
            Stream(name)  # a misspelt name raises ValueError
            prefix = self._prefixes[name] = _mix_int(_mix_int(
                (self.seed % 2**64 ^ _name_key(name) << 32) & _MASK))
        arrays = [np.asarray(key) for key in keys[:len(_KEY_WEIGHTS)]]
        few = _few_keys(arrays)
        if few is not None:
            return np.array([_scalar_uniform(prefix, row) for row in few], dtype=np.float64)
        h = None
        for key, weight in zip(arrays, _KEY_WEIGHTS, strict=False):
            term = key.astype(np.uint64)
            term *= weight
            if h is None:
                h = term
            elif term.shape == h.shape:
                h ^= term
            else:
                h = h ^ term  # XOR is associative and commutative: the same bits in any order
        h ^= np.uint64(prefix)
        h = _mix(h)
        h >>= _S11
        out = h.astype(np.float64)
        out *= 2.0**-53
        return out


def _few_keys(arrays: list[np.ndarray]) -> list[list[int]] | None:
    """The keys of each draw as Python integers, when there are few draws (else None).

    Few: at most `_FEW` draws, keys integer scalars or one-dimensional of the same length.
    Below that size a dozen numpy calls on a handful of numbers cost more than Python's
    arithmetic does.
    """
    lengths = {len(a) for a in arrays if a.ndim}
    if len(lengths) > 1 or any(a.ndim > 1 or a.dtype.kind not in "biu" for a in arrays):
        return None
    n = lengths.pop() if lengths else 1
    if n > _FEW:
        return None
    columns = [a.tolist() if a.ndim else [int(a)] * n for a in arrays]
    return [list(row) for row in zip(*columns, strict=True)] if columns else [[]]


def _scalar_uniform(prefix: int, keys: list[int]) -> float:
    """`Streams.uniform` of scalar keys in Python integers (numpy's per-call cost dominates)."""
    h = prefix
    for key, weight in zip(keys, _KEY_WEIGHTS_INT, strict=False):
        h ^= (key % 2**64 * weight) & _MASK
    return (_mix_int(h) >> 11) * 2.0**-53


@functools.cache
def _poisson_cdf(mean: float) -> np.ndarray:
    return poisson.cdf(np.arange(int(mean + 12 * mean**0.5 + 12)), mean)


def poisson_quantile(u: np.ndarray, mean: float) -> np.ndarray:
    """Poisson(mean) counts from uniforms by inverse CDF (a cached table: fast on small arrays)."""
    cdf = _poisson_cdf(float(mean))
    return np.minimum(np.searchsorted(cdf, u, side="right"), len(cdf) - 1)
