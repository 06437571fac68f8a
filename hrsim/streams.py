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

_M1, _M2 = np.uint64(0xBF58476D1CE4E5B9), np.uint64(0x94D049BB133111EB)
# odd multipliers that spread each key position over all 64 bits before mixing
_KEY_WEIGHTS = tuple(np.uint64(c) for c in (0x9E3779B97F4A7C15, 0xC2B2AE3D27D4EB4F,
                                             0x165667B19E3779F9, 0xD6E8FEB86659FD93,
                                             0xFF51AFD7ED558CCD))


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
    """SplitMix64 finaliser on uint64 arrays (wrapping arithmetic, no overflow warnings)."""
    x = (x ^ (x >> np.uint64(30))) * _M1
    x = (x ^ (x >> np.uint64(27))) * _M2
    return x ^ (x >> np.uint64(31))


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
        self._prefixes: dict[str, np.ndarray] = {}

    def __getitem__(self, name: Stream) -> np.random.Generator:
        if name not in self._streams:
            Stream(name)  # a misspelt name raises ValueError
            key = np.random.SeedSequence(self.seed, spawn_key=(_name_key(name),))
            self._streams[name] = np.random.default_rng(key)
        return self._streams[name]

    def uniform(self, name: Stream, *keys: ArrayLike) -> np.ndarray:
        """Uniform numbers in [0, 1) fixed by the mechanism `name` and the (broadcast) `keys`.

        Keys are non-negative integers (up to five positions), e.g. ``(request_ids, visit)``.
        """
        h = self._prefixes.get(name)
        if h is None:
            Stream(name)  # a misspelt name raises ValueError
            h = self._prefixes[name] = _mix(_mix(np.array(
                [self.seed % 2**64 ^ _name_key(name) << 32], dtype=np.uint64)))
        for key, weight in zip(keys, _KEY_WEIGHTS, strict=False):
            h = h ^ np.asarray(key).astype(np.uint64) * weight
        return (_mix(h) >> np.uint64(11)).astype(np.float64) * 2.0**-53


@functools.cache
def _poisson_cdf(mean: float) -> np.ndarray:
    return poisson.cdf(np.arange(int(mean + 12 * mean**0.5 + 12)), mean)


def poisson_quantile(u: np.ndarray, mean: float) -> np.ndarray:
    """Poisson(mean) counts from uniforms by inverse CDF (a cached table: fast on small arrays)."""
    cdf = _poisson_cdf(float(mean))
    return np.minimum(np.searchsorted(cdf, u, side="right"), len(cdf) - 1)
