"""Locales from CLDR: script, region and direction of any tag; and which locales a command works on."""

from __future__ import annotations

import pytest

from generator.errors import DeckError
from generator.locales import PSEUDO_LOCALE, get_locale, is_well_formed, select_locale_tags


@pytest.mark.parametrize("tag, region, lang, babel, script, rtl", [
    ("en", "GB", "en-GB", "en_GB", "Latn", False),
    ("en", None, "en-US", "en_US", "Latn", False),
    ("ar", "SA", "ar-SA", "ar_SA", "Arab", True),
    ("he", None, "he-IL", "he_IL", "Hebr", True),
    ("de", None, "de-DE", "de_DE", "Latn", False),
    ("ja", None, "ja-JP", "ja_JP", "Jpan", False),
    ("ko", None, "ko-KR", "ko_KR", "Kore", False),
    ("hi", None, "hi-IN", "hi_IN", "Deva", False),
    ("th", None, "th-TH", "th_TH", "Thai", False),
    ("el", None, "el-GR", "el_GR", "Grek", False),
    ("ru", None, "ru-RU", "ru_RU", "Cyrl", False),
    ("pt-BR", None, "pt-BR", "pt_BR", "Latn", False),
    ("zh-Hans", None, "zh-CN", "zh_Hans_CN", "Hans", False),
    ("zh-Hant", None, "zh-TW", "zh_Hant_TW", "Hant", False),
    ("sr", None, "sr-RS", "sr", "Cyrl", False),
    ("sr-Latn", None, "sr-Latn-RS", "sr_Latn_RS", "Latn", False),
    ("de", "CH", "de-CH", "de_CH", "Latn", False),
])
def test_what_a_locale_means_comes_from_cldr(tag, region, lang, babel, script, rtl):
    locale = get_locale(tag, region)
    assert (locale.tag, locale.lang, locale.babel, locale.script, locale.rtl) == (tag, lang, babel, script, rtl)


def test_a_region_cldr_has_no_data_for_keeps_the_languages_formats():
    locale = get_locale("hi", "GB")
    assert (locale.lang, locale.babel) == ("hi-GB", "hi")


def test_the_pseudo_locale_is_the_one_cldr_does_not_know():
    locale = get_locale(PSEUDO_LOCALE)
    assert locale.is_pseudo and locale.lang == PSEUDO_LOCALE and not locale.rtl
    assert not get_locale("en").is_pseudo


@pytest.mark.parametrize("tag, message", [
    ("xx", "unknown locale 'xx'; CLDR knows no such language"),
    ("en-GB-x", "unknown locale 'en-GB-x'; did you mean 'en-GB'?"),
    ("zh-Hans-XX", "did you mean 'zh-Hans'?"),
    ("German", "unknown locale 'German'; did you mean 'de'?"),
    ("de_DE", "'de_DE' is not a BCP 47 language tag; did you mean 'de-DE'?"),
    ("fr--", "'fr--' is not a BCP 47 language tag"),
    ("../fr", "is not a BCP 47 language tag"),
])
def test_an_unknown_or_malformed_tag_is_a_clear_error(tag, message):
    with pytest.raises(DeckError) as error:
        get_locale(tag)
    assert message in str(error.value)


def test_an_unknown_region_is_a_clear_error():
    with pytest.raises(DeckError, match="unknown region 'XQ' for locale 'en'"):
        get_locale("en", "XQ")


@pytest.mark.parametrize("tag, well_formed", [("de", True), ("pt-BR", True), ("zh-Hant-TW", True),
                                             ("qps-ploc", True), ("de_DE", False), ("", False),
                                             ("../x", False), ("a", False), (None, False)])
def test_well_formed_tags(tag, well_formed):
    assert is_well_formed(tag) is well_formed


def test_the_source_language_alone_by_default():
    assert select_locale_tags("en", ["fr", "ar"]) == ["en"]


def test_requested_locales_only_when_not_all():
    assert select_locale_tags("en", ["fr", "ar"], ["ar", "zh-Hans"]) == ["ar", "zh-Hans"]


def test_all_locales_puts_the_source_language_and_deck_locales_first_then_the_requested():
    assert select_locale_tags("en", ["fr", "ar"], ["qps-ploc"], all_locales=True) == ["en", "fr", "ar", "qps-ploc"]


def test_each_locale_once_in_first_seen_order():
    assert select_locale_tags("en", ["fr", "en"], ["fr", "ru", "ru"], all_locales=True) == ["en", "fr", "ru"]
