"""The locales a deck can be built in: any BCP 47 tag CLDR knows, read through Babel.

What a locale means for rendering comes from CLDR, never from a table here: its script and
region (likely subtags: ``ja`` is ``ja-Jpan-JP``, ``sr`` is ``sr-Cyrl-RS``), its direction,
and, in ``generator.localize``, its number formats and plural rules. ``qps-ploc``, the
pseudo-locale, is the one locale CLDR does not know.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache

from .errors import DeckError, did_you_mean

PSEUDO_LOCALE = "qps-ploc"
_WELL_FORMED = re.compile(r"[A-Za-z]{2,8}(?:-[A-Za-z0-9]{1,8})*")


@dataclass(frozen=True)
class LocaleInfo:
    tag: str          # as in file names and deck.yaml: en, fr, zh-Hans, pt-BR, qps-ploc
    lang: str         # a run's lang attribute, with its region: en-GB, zh-CN, pt-BR, sr-Latn-RS
    babel: str        # the Babel locale for numbers and dates: en_GB, zh_Hans_CN
    script: str = "Latn"   # ISO 15924, from CLDR's likely subtags: Latn, Cyrl, Arab, Hebr, Deva, Jpan, Hans...
    rtl: bool = False

    @property
    def is_pseudo(self) -> bool:
        return self.tag == PSEUDO_LOCALE


def is_well_formed(tag: str) -> bool:
    """Whether ``tag`` has the shape of a BCP 47 tag (letters and digits in dash-separated subtags)."""
    return isinstance(tag, str) and _WELL_FORMED.fullmatch(tag) is not None


def get_locale(tag: str, region: str | None = None) -> LocaleInfo:
    """The locale ``tag`` as CLDR describes it; ``region`` overrides CLDR's likely region.

    Raises ``DeckError`` with a did-you-mean for a malformed tag or one CLDR does not know.
    """
    if tag == PSEUDO_LOCALE:
        return LocaleInfo(PSEUDO_LOCALE, PSEUDO_LOCALE, "en_GB")
    return _cldr_locale(tag, region)


@lru_cache(maxsize=None)
def _cldr_locale(tag: str, region: str | None) -> LocaleInfo:
    from babel import Locale, UnknownLocaleError, localedata
    from babel.core import get_global, parse_locale

    if not is_well_formed(tag):
        dashed = tag.replace("_", "-") if isinstance(tag, str) else ""
        hint = f"; did you mean '{dashed}'?" if is_well_formed(dashed) else " (e.g. de, pt-BR, zh-Hant)"
        raise DeckError(f"'{tag}' is not a BCP 47 language tag{hint}")
    try:
        locale = Locale.parse(tag, sep="-")
    except (UnknownLocaleError, ValueError):
        raise DeckError(_unknown(tag)) from None
    if region is not None and region.upper() not in Locale("en").territories:
        raise DeckError(f"unknown region '{region}' for locale '{tag}' (a two-letter CLDR region, e.g. GB)")
    likely = get_global("likely_subtags")
    _, likely_territory, likely_script, *_ = parse_locale(_likely(locale, likely))
    script = locale.script or likely_script
    territory = (region or "").upper() or locale.territory or likely_territory
    babel = "_".join(part for part in (locale.language, locale.script, territory) if part)
    if not localedata.exists(babel):
        babel = str(locale)          # CLDR has no data for this language in this region: its own formats
    return LocaleInfo(tag, _lang(locale.language, script, territory, likely), babel, script,
                      locale.text_direction == "rtl")


def _likely(locale, likely: Mapping[str, str]) -> str:
    """CLDR's likely subtags of ``locale``, most specific match first (language_script_region, ...)."""
    language, script, territory = locale.language, locale.script, locale.territory
    for key in ("_".join(p for p in (language, script, territory) if p), f"{language}_{territory}",
                f"{language}_{script}", language):
        if key in likely:
            return likely[key]
    return str(locale)


def _lang(language: str, script: str, territory: str | None, likely: Mapping[str, str]) -> str:
    """language-REGION, with the script only where the region does not imply it (sr-Latn-RS, not zh-Hans-CN)."""
    if not territory:
        return language
    implied = likely.get(f"{language}_{territory}", likely.get(language, ""))
    if f"_{script}_" in f"{implied}_":
        return f"{language}-{territory}"
    return f"{language}-{script}-{territory}"


def _unknown(tag: str) -> str:
    from babel import Locale, localedata
    from babel.localedata import locale_identifiers

    by_name = {name.casefold(): code for code, name in Locale("en").languages.items() if localedata.exists(code)}
    if tag.casefold() in by_name:
        close = f"did you mean '{by_name[tag.casefold()]}'? (tags name languages by code)"
    else:
        close = did_you_mean(tag, [identifier.replace("_", "-") for identifier in locale_identifiers()]
                             + [PSEUDO_LOCALE])
    return f"unknown locale '{tag}'" + (f"; {close}" if close else "; CLDR knows no such language")


def select_locale_tags(source_language: str, deck_locales, requested=(), all_locales: bool = False) -> list[str]:
    """The locales a command works on, in order and each once.

    The ``requested`` ones; with ``all_locales``, the source language and deck.yaml's
    locales first. Neither: the source language alone.
    """
    tags = ([source_language, *deck_locales] if all_locales else []) + list(requested)
    return list(dict.fromkeys(tags or [source_language]))
