"""Which locales a command works on: one selector for build, incremental plans and check."""

from __future__ import annotations

from generator.locales import select_locale_tags


def test_the_source_language_alone_by_default():
    assert select_locale_tags("en", ["fr", "ar"]) == ["en"]


def test_requested_locales_only_when_not_all():
    assert select_locale_tags("en", ["fr", "ar"], ["ar", "zh-Hans"]) == ["ar", "zh-Hans"]


def test_all_locales_puts_the_source_language_and_deck_locales_first_then_the_requested():
    assert select_locale_tags("en", ["fr", "ar"], ["qps-ploc"], all_locales=True) == ["en", "fr", "ar", "qps-ploc"]


def test_each_locale_once_in_first_seen_order():
    assert select_locale_tags("en", ["fr", "en"], ["fr", "ru", "ru"], all_locales=True) == ["en", "fr", "ru"]
