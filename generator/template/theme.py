"""What a template's theme gives its mapping: the colours and the Latin font a mapping does not name.

One set of rules for both users of the theme: ``mapping.load_mapping`` fills in what a
``mapping.yaml`` leaves out, and ``deck template init`` writes the same values, with where
each came from, into the mapping it generates.
"""

from __future__ import annotations

from ..oxml.theme import Theme

# The house template's colours: what a theme without a scheme colour gives.
HOUSE_COLORS = {"primary": "1F3A5F", "accent": "0E7C7B", "secondary": "4A7AB0", "text": "333D47",
                "muted": "6B7785", "light": "E8EEF4", "background": "FFFFFF"}
FALLBACK_LATIN = "Arial"        # a theme that names no font: the one every PowerPoint has

# Mapping colour <- theme colour, and what the mapping uses it for.
COLOR_SOURCES = (
    ("primary", "accent1", "titles, bands, emphasis"),
    ("accent", "accent2", "rules, bullets, highlights"),
    ("secondary", "accent3", "second diagram colour"),
    ("text", "dk1", "body text"),
    ("muted", None, "captions, footers"),
    ("light", "lt2", "pale fill for boxes"),
    ("background", "lt1", "slide background, text on dark fills"),
)
MUTED_SHARE = 0.3       # muted = text colour mixed with this share of the background colour


def theme_colors(theme: Theme) -> tuple[dict[str, tuple[str, str]], tuple[list[str], str]]:
    """Each mapping colour as ``(hex, where it came from)``, and the chart colours with theirs."""
    scheme = theme.colors
    colors = {}
    for name, source, use in COLOR_SOURCES:
        if source is None:
            text, background = colors["text"][0], scheme.get("lt1", HOUSE_COLORS["background"])
            colors[name] = (mix(text, background, MUTED_SHARE),
                            f"{use}: theme dk1 mixed with {round(MUTED_SHARE * 100)}% lt1")
        elif source in scheme:
            colors[name] = (scheme[source], f"{use}: theme {source}")
        else:
            colors[name] = (HOUSE_COLORS[name], f"{use}: the theme has no {source}, the house colour")
    accents = [scheme[f"accent{n}"] for n in range(1, 7) if f"accent{n}" in scheme]
    if accents:
        return colors, (accents, "series and point colours: theme accent1..accent6")
    return colors, ([HOUSE_COLORS["primary"], HOUSE_COLORS["accent"], HOUSE_COLORS["secondary"]],
                    "series and point colours: the theme has no accents, the house colours")


def mix(one: str, other: str, share: float) -> str:
    """Hex colour ``one`` mixed with ``share`` of hex colour ``other``."""
    channels = [round(int(one[i:i + 2], 16) * (1 - share) + int(other[i:i + 2], 16) * share) for i in (0, 2, 4)]
    return "".join(f"{c:02X}" for c in channels)


def theme_latin_font(theme: Theme) -> tuple[str, str]:
    """The Latin font of body text, and where it came from: the body (minor) font first."""
    if theme.minor_latin:
        return theme.minor_latin, "the theme's body font (minorFont)"
    if theme.major_latin:
        return theme.major_latin, "the theme's headings font (majorFont); it names no body font"
    return FALLBACK_LATIN, f"the theme names no font: {FALLBACK_LATIN}, which every PowerPoint has"
