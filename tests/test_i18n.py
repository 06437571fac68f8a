"""Translations: every text exists in Bahasa Indonesia and English."""

from __future__ import annotations

import pytest

from hrsim.i18n import LANGUAGES, catalogue, t


def test_every_text_has_both_languages():
    for key, texts in catalogue().items():
        assert set(texts) == set(LANGUAGES), key
        assert all(texts[lang].strip() for lang in LANGUAGES), key


def test_lookup_and_unknown_language():
    assert t("U7", "id") == "Perilaku pelaksana"
    assert t("U7", "en") == "Staff behaviour"
    with pytest.raises(ValueError, match="language"):
        t("U7", "fr")
