"""A template's theme: the colour scheme and the fonts of its first slide master.

``read_theme(prs)`` parses ``ppt/theme/themeN.xml`` (the part the first master relates to)
into a ``Theme``: the twelve scheme colours as hex RRGGBB (``dk1``, ``lt1``, ``dk2``, ``lt2``,
``accent1`` ... ``accent6``, ``hlink``, ``folHlink``) and the Latin typefaces of the major
(headings) and minor (body) fonts. A colour given as a system colour (``a:sysClr``) is its
``lastClr``, the value PowerPoint last resolved it to.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from lxml import etree
from pptx.opc.constants import RELATIONSHIP_TYPE as RT

_A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
SCHEME_COLORS = ("dk1", "lt1", "dk2", "lt2", "accent1", "accent2", "accent3", "accent4", "accent5", "accent6",
                 "hlink", "folHlink")


@dataclass(frozen=True)
class Theme:
    name: str = ""
    colors: dict[str, str] = field(default_factory=dict)     # scheme name -> RRGGBB; missing ones left out
    major_latin: str | None = None                          # headings
    minor_latin: str | None = None                          # body text


def read_theme(prs) -> Theme:
    """The theme of ``prs``'s first slide master; an empty ``Theme`` when it has none or it does not parse."""
    masters = list(prs.slide_masters)
    if not masters:
        return Theme()
    try:
        part = masters[0].part.part_related_by(RT.THEME)
    except KeyError:
        return Theme()
    return parse_theme(part.blob)


def parse_theme(xml: bytes) -> Theme:
    """A ``Theme`` from the bytes of a theme part."""
    try:
        root = etree.fromstring(xml, parser=etree.XMLParser(resolve_entities=False, no_network=True))
    except etree.XMLSyntaxError:
        return Theme()
    return Theme(name=root.get("name", ""), colors=_scheme_colors(root),
                 major_latin=_typeface(root, "majorFont"), minor_latin=_typeface(root, "minorFont"))


def _scheme_colors(root) -> dict[str, str]:
    scheme = root.find(f"{_A}themeElements/{_A}clrScheme")
    colors = {}
    if scheme is None:
        return colors
    for name in SCHEME_COLORS:
        slot = scheme.find(f"{_A}{name}")
        value = _color_value(slot) if slot is not None else None
        if value:
            colors[name] = value
    return colors


def _color_value(slot) -> str | None:
    for child in slot:
        if child.tag == f"{_A}srgbClr":
            value = child.get("val")
        elif child.tag == f"{_A}sysClr":
            value = child.get("lastClr")
        else:
            continue
        if value and len(value) == 6 and all(c in "0123456789abcdefABCDEF" for c in value):
            return value.upper()
    return None


def _typeface(root, which: str) -> str | None:
    latin = root.find(f"{_A}themeElements/{_A}fontScheme/{_A}{which}/{_A}latin")
    typeface = (latin.get("typeface") or "").strip() if latin is not None else ""
    return typeface or None
