"""Soft hyphens at dictionary points, per language."""

from __future__ import annotations

import pyphen
import pytest

from generator.layout.hyphenate import hyphenator
from generator.layout.linebreak import SOFT_HYPHEN


def test_german_compound_gets_soft_hyphens_at_dictionary_points():
    hyphenated = hyphenator("de-DE")("Konformitätsbewertung")
    assert hyphenated.replace(SOFT_HYPHEN, "") == "Konformitätsbewertung"
    assert f"täts{SOFT_HYPHEN}be" in hyphenated       # between the parts of the compound
    assert not hyphenated.startswith(("K" + SOFT_HYPHEN, SOFT_HYPHEN)) and not hyphenated.endswith(SOFT_HYPHEN)


def test_the_region_picks_the_dictionary_and_the_language_is_the_fallback():
    word = "internacionalização"
    assert hyphenator("pt-BR")(word) == pyphen.Pyphen(lang="pt_BR").inserted(word, SOFT_HYPHEN)
    assert hyphenator("de-LI")("Konformitätsbewertung") == \
        pyphen.Pyphen(lang="de").inserted("Konformitätsbewertung", SOFT_HYPHEN)     # no de_LI: German's


@pytest.mark.parametrize("language", ["zh-CN", "ja-JP", "qps-ploc", None])
def test_no_dictionary_no_hyphenator(language):
    assert hyphenator(language) is None


def test_only_words_are_split_and_punctuation_and_numbers_stay():
    hyphenated = hyphenator("de-DE")("(Konformitätsbewertung), ISO/IEC 17025")
    assert hyphenated.startswith("(Kon") and hyphenated.endswith("), ISO/IEC 17025")
    assert hyphenated.replace(SOFT_HYPHEN, "") == "(Konformitätsbewertung), ISO/IEC 17025"


def test_a_word_with_soft_hyphens_keeps_its_own():
    word = f"Konformitäts{SOFT_HYPHEN}bewertung"
    assert hyphenator("de-DE")(word) == word
