"""The service catalogue: what citizens come for, the route each file takes, and what is promised.

A route lists the stages a file passes after the counter accepts it. ``back_office`` is processed by
the back-office staff, ``signature`` by the camat, and the other stages by agencies (``kelurahan``
is the citizen's own kelurahan office). Stages marked delegable disappear when the walikota
delegates the authority to the camat (PATEN, Permendagri 4/2010).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np

BACK_OFFICE = "back_office"
SIGNATURE = "signature"
KELURAHAN = "kelurahan"
DISDUKCAPIL = "disdukcapil"
DPMPTSP = "dpmptsp"


@dataclass(frozen=True)
class ServiceType:
    """One kind of service a citizen may need.

    Attributes:
        key: Identifier (labels live in `hrsim.i18n`).
        share: Share of all requests [A] (no published mix was found).
        back_office_min: Mean back-office work in minutes.
        route: Stages after the counter, in order.
        promised_days: Completion time promised in the service standard (working days).
        fee_rp: Official fee in Rupiah.
        delegable: Stages removed by PATEN authority delegation.
        source: Where the times and fees come from.
    """

    key: str
    share: float
    back_office_min: float
    route: tuple[str, ...]
    promised_days: int
    fee_rp: int
    delegable: tuple[str, ...]
    source: str


CATALOGUE: tuple[ServiceType, ...] = (
    ServiceType("surat_keterangan", 0.40, 20.0, (BACK_OFFICE, SIGNATURE), 1, 0, (),
                "[S] SIPPN Kota Palembang: surat keterangan 30 min, free"),
    ServiceType("ktp", 0.20, 45.0, (BACK_OFFICE, SIGNATURE, DISDUKCAPIL), 5, 0, (),
                "[S] SOP Kec. Baiturrahman: 45 min at the kecamatan; Disdukcapil ≤3 days; "
                "adminduk documents are free (UU 24/2013)"),
    ServiceType("kk", 0.20, 55.0, (BACK_OFFICE, SIGNATURE, DISDUKCAPIL), 5, 0, (),
                "[S] SOP Kec. Baiturrahman: 55 min; Disdukcapil Lamongan ≤3 days"),
    ServiceType("pindah", 0.05, 60.0, (KELURAHAN, BACK_OFFICE, SIGNATURE, DISDUKCAPIL), 5, 0,
                (KELURAHAN,), "[S] SK Camat Pendopo Barat: surat pindah 1 week"),
    ServiceType("iumk", 0.10, 40.0, (KELURAHAN, BACK_OFFICE, SIGNATURE), 3, 0, (KELURAHAN,),
                "[A] PATEN perizinan (IUMK); times assumed"),
    ServiceType("imb", 0.05, 90.0, (BACK_OFFICE, SIGNATURE, DPMPTSP), 5, 500_000, (DPMPTSP,),
                "[S] Pemalang IMB ≤100 m²: Camat → DPMPTSP, ≤5 working days; fee [A]"),
)

KEYS: tuple[str, ...] = tuple(s.key for s in CATALOGUE)
SHARES = np.array([s.share for s in CATALOGUE])
BACK_OFFICE_MIN = np.array([s.back_office_min for s in CATALOGUE])
STAGES: tuple[str, ...] = (BACK_OFFICE, SIGNATURE, KELURAHAN, DISDUKCAPIL, DPMPTSP)


def draw(rng: np.random.Generator, n: int) -> np.ndarray:
    """Service types of `n` new requests, drawn with the catalogue's shares (inverse CDF)."""
    return np.searchsorted(np.cumsum(SHARES[:-1]) / SHARES.sum(), rng.random(n), side="right")


def per_service(attribute: str, office: Mapping[str, int] | None = None) -> np.ndarray:
    """Each service's `attribute` (``promised_days``, ``fee_rp``), in catalogue order.

    The office's own where it gives one, else the catalogue's.
    """
    own = office or {}
    return np.array([own.get(s.key, getattr(s, attribute)) for s in CATALOGUE], dtype=float)


def routes(delegated: bool) -> list[tuple[str, ...]]:
    """Route of every service type, without the delegable stages when authority is delegated."""
    return [tuple(st for st in s.route if not (delegated and st in s.delegable))
            for s in CATALOGUE]
