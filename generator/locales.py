"""The locales a deck can be built in, and what each one means for rendering."""

from __future__ import annotations

from dataclasses import dataclass

from .errors import DeckError, did_you_mean

PSEUDO_LOCALE = "qps-ploc"


@dataclass(frozen=True)
class LocaleInfo:
    tag: str          # as in file names and deck.yaml: en, fr, zh-Hans, qps-ploc
    lang: str         # the run's lang attribute: en-GB, fr-FR, zh-CN
    babel: str        # the Babel locale used for numbers and dates
    rtl: bool = False
    script: str = "latin"   # latin, cyrillic, arabic, cjk

    @property
    def is_pseudo(self) -> bool:
        return self.tag == PSEUDO_LOCALE


LOCALES: dict[str, LocaleInfo] = {
    "en": LocaleInfo("en", "en-GB", "en_GB"),
    "fr": LocaleInfo("fr", "fr-FR", "fr_FR"),
    "es": LocaleInfo("es", "es-ES", "es_ES"),
    "ru": LocaleInfo("ru", "ru-RU", "ru_RU", script="cyrillic"),
    "ar": LocaleInfo("ar", "ar-SA", "ar_SA", rtl=True, script="arabic"),
    "zh-Hans": LocaleInfo("zh-Hans", "zh-CN", "zh_Hans_CN", script="cjk"),
    PSEUDO_LOCALE: LocaleInfo(PSEUDO_LOCALE, "qps-ploc", "en_GB"),
}


def get_locale(tag: str) -> LocaleInfo:
    try:
        return LOCALES[tag]
    except KeyError:
        close = did_you_mean(tag, LOCALES)
        raise DeckError(f"unknown locale '{tag}'" + (f"; {close}" if close else "")
                        + f"; known locales: {', '.join(LOCALES)}") from None


def select_locale_tags(source_language: str, deck_locales, requested=(), all_locales: bool = False) -> list[str]:
    """The locales a command works on, in order and each once.

    The ``requested`` ones; with ``all_locales``, the source language and deck.yaml's
    locales first. Neither: the source language alone.
    """
    tags = ([source_language, *deck_locales] if all_locales else []) + list(requested)
    return list(dict.fromkeys(tags or [source_language]))
