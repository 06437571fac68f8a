"""The nine IKM elements (unsur) of Permen PANRB 14/2017, in the questionnaire's order.

`Element` names each column of every (visits × 9) array of the model, so that no mechanism indexes
an element by a bare number.
"""

from __future__ import annotations

from enum import IntEnum


class Element(IntEnum):
    """An IKM element; its value is its column, its `code` the questionnaire's U1..U9."""

    REQUIREMENTS = 0  # U1 persyaratan
    PROCEDURE = 1  # U2 sistem, mekanisme dan prosedur
    TIME = 2  # U3 waktu penyelesaian
    COST = 3  # U4 biaya/tarif
    PRODUCT = 4  # U5 produk spesifikasi jenis pelayanan
    COMPETENCE = 5  # U6 kompetensi pelaksana
    COURTESY = 6  # U7 perilaku pelaksana
    FACILITIES = 7  # U8 sarana dan prasarana
    COMPLAINTS = 8  # U9 penanganan pengaduan, saran dan masukan

    @property
    def code(self) -> str:
        """The questionnaire's name of the element, ``U1``..``U9``."""
        return f"U{self.value + 1}"


ELEMENTS: tuple[str, ...] = tuple(e.code for e in Element)
N_ELEMENTS = len(ELEMENTS)
