"""Jinja filters that format figures for one locale with Babel.

``number`` and friends take a ``Figure`` (or a plain number). A figure with no value renders
as an em dash and is reported, so a lost number is visible on the slide and in the log.
A figure's qualifier (approx., over, more than, almost, at least) is data; ``qualified``
phrases it through the locale's catalog, so each language words it its own way.
"""

from __future__ import annotations

from decimal import Decimal

from babel import Locale
from babel.numbers import format_decimal, format_percent, parse_pattern

from ..load.figures import Figure

PLACEHOLDER = "\u2014"

# Source phrasings; translators translate them in the catalog (msgctxt "qualifier:<name>").
QUALIFIER_PHRASES = {
    "approx": "approx. {number}",
    "over": "over {number}",
    "more_than": "more than {number}",
    "almost": "almost {number}",
    "at_least": "at least {number}",
    "plus": "{number}+",
}
QUALIFIER_CONTEXT = "qualifier:{}"


class Formatter:
    """The filters of one locale; remembers which figures had no value."""

    def __init__(self, babel_locale: str, translate=lambda context, text: text):
        self.locale = babel_locale
        self.translate = translate
        self.missing: set[str] = set()

    def filters(self) -> dict:
        """One function per name of ``generator.sandbox.FILTERS``."""
        return {"number": self.number, "percent": self.percent, "compact": self.compact,
                "qualified": self.qualified, "year": self.year}

    def _value(self, figure):
        if isinstance(figure, Figure):
            if figure.missing:
                self.missing.add(figure.key)
            return figure.value
        if isinstance(figure, (int, float, Decimal)) and not isinstance(figure, bool):
            return figure
        raise TypeError(f"expected a figure or a number, got {type(figure).__name__}")

    def number(self, figure) -> str:
        value = self._value(figure)
        if value is None:
            return PLACEHOLDER
        return format_decimal(value, locale=self.locale, group_separator=True)

    def year(self, figure) -> str:
        value = self._value(figure)
        return PLACEHOLDER if value is None else str(int(value))

    def percent(self, figure, digits: int = 0) -> str:
        if not isinstance(digits, int) or not 0 <= digits <= 6:
            raise ValueError("percent takes 0 to 6 decimal digits")
        value = self._value(figure)
        if value is None:
            return PLACEHOLDER
        pattern = "#,##0" + ("." + "0" * digits if digits else "") + "%"
        return format_percent(value, format=pattern, locale=self.locale)

    def compact(self, figure) -> str:
        """'1 million'-style wording: ``format_compact_decimal`` in its long form."""
        value = self._value(figure)
        if value is None:
            return PLACEHOLDER
        return compact_long(value, self.locale)

    def qualified(self, figure, style: str = "number") -> str:
        """The number with its qualifier phrased for the locale; ``style='compact'`` for '1 million'."""
        if style not in ("number", "compact"):
            raise ValueError("qualified takes 'number' or 'compact'")
        text = self.compact(figure) if style == "compact" else self.number(figure)
        qualifier = figure.qualifier if isinstance(figure, Figure) else None
        if qualifier is None or text == PLACEHOLDER:
            return text
        phrase = self.translate(QUALIFIER_CONTEXT.format(qualifier), QUALIFIER_PHRASES[qualifier])
        return phrase.replace("{number}", text)


def compact_long(value, locale: str, fraction_digits: int = 1) -> str:
    """CLDR's long compact form ('1 million', '1 million' in French, '100万' in Chinese).

    Babel's ``format_compact_decimal`` falls back to the plural 'other' pattern whenever the
    explicit '1' pattern lacks a magnitude, so French gets '1 millions'; this picks the
    plural form of the shortened number, as CLDR specifies.
    """
    loc = Locale.parse(locale)
    try:
        patterns = loc.compact_decimal_formats["long"]
    except KeyError:
        patterns = loc.compact_decimal_formats["short"]
    number = Decimal(str(value))
    magnitudes = sorted(int(m) for m in patterns["other"]
                        if parse_pattern(patterns["other"][m]).pattern.strip() != "0")
    chosen = _magnitude_for(number, magnitudes)
    if chosen is None:
        return format_decimal(number, locale=loc)
    shortened = _shorten(number, chosen, patterns, fraction_digits)
    larger = [m for m in magnitudes if m > chosen]
    if larger and abs(shortened) * _divisor(chosen, patterns) >= larger[0]:
        chosen = larger[0]            # 999,999 rounds to 1000 thousand: say 1 million
        shortened = _shorten(number, chosen, patterns, fraction_digits)
    form = loc.plural_form(abs(shortened))
    pattern = patterns[form].get(str(chosen)) if form in patterns else None
    number_pattern = parse_pattern(pattern or patterns["other"][str(chosen)])
    number_pattern.frac_prec = (0, fraction_digits)
    # A no-break space keeps '1' and 'million' on one line, as digit groups already are.
    return number_pattern.apply(shortened, loc).replace(" ", "\u00a0")


def _magnitude_for(number: Decimal, magnitudes: list[int]) -> int | None:
    fitting = [m for m in magnitudes if abs(number) >= m]
    return fitting[-1] if fitting else None


def _divisor(magnitude: int, patterns) -> int:
    zeros = parse_pattern(patterns["other"][str(magnitude)]).pattern.count("0")
    return magnitude // 10 ** (zeros - 1)


def _shorten(number: Decimal, magnitude: int, patterns, fraction_digits: int) -> Decimal:
    return round(number / _divisor(magnitude, patterns), fraction_digits).normalize()

