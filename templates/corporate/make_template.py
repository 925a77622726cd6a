"""Regenerate ``templates/corporate/template.pptx``, the branded 16:9 template.

Run from the project root::

    .venv/bin/python templates/corporate/make_template.py

The script starts from python-pptx's default template and reworks it with python-pptx
and lxml: 16:9 slide size, a renamed theme with its own colour scheme and Arial fonts,
a slide master with a sober look (white background, navy titles, a teal accent rule under
the title, a text wordmark "CA·intro" and a footer row), and six layouts, every placeholder
placed explicitly on a 0.6 in margin grid:

    Title Slide, Title and Content, Section Header, Two Content, Title Only, Blank

The other default layouts are removed (their part, the master's relationship to it and
the master's ``sldLayoutId`` entry). Output is byte-for-byte stable: fixed core
properties, and the zip is rewritten with fixed timestamps.

The colours here must agree with ``mapping.yaml`` next to this file.
"""

from __future__ import annotations

import datetime as dt
import io
import sys
import zipfile
from pathlib import Path

from lxml import etree
from pptx import Presentation
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.opc.packuri import PackURI
from pptx.oxml import parse_xml
from pptx.oxml.xmlchemy import OxmlElement
from pptx.util import Emu, Inches

HERE = Path(__file__).resolve().parent
OUTPUT = HERE / "template.pptx"

NS = {
    "a": "http://schemas.openxmlformats.org/drawingml/2006/main",
    "p": "http://schemas.openxmlformats.org/presentationml/2006/main",
    "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
}
A = "{%s}" % NS["a"]
P = "{%s}" % NS["p"]

# --- brand ---------------------------------------------------------------------------
THEME_NAME = "Corporate"
FONT = "Arial"
NAVY = "1F3A5F"       # primary: titles, bands
TEAL = "0E7C7B"       # accent: rules, bullets, wordmark
STEEL = "4A7AB0"      # secondary
AMBER = "D08C2E"      # fourth chart colour, warm contrast
TEXT = "333D47"       # body text, dark grey
MUTED = "6B7785"      # footers, captions
LIGHT = "E8EEF4"      # pale fill
HAIRLINE = "D3DBE3"   # thin separator lines
WHITE = "FFFFFF"

SCHEME = {
    "dk1": TEXT, "lt1": WHITE, "dk2": NAVY, "lt2": LIGHT,
    "accent1": NAVY, "accent2": TEAL, "accent3": STEEL, "accent4": AMBER,
    "accent5": MUTED, "accent6": "7FA7C9",
    "hlink": "1F6FB2", "folHlink": "5B4B8A",
}

# --- grid (EMU) ------------------------------------------------------------------------
SLIDE_W = Emu(12192000)            # 13.333 in
SLIDE_H = Emu(6858000)             # 7.5 in
MARGIN = Inches(0.6)
CONTENT_W = SLIDE_W - 2 * MARGIN   # 12.133 in
TITLE_Y, TITLE_H = Inches(0.45), Inches(0.9)
RULE_Y = Inches(1.42)
BODY_Y = Inches(1.7)
BODY_H = Inches(6.6) - BODY_Y
GUTTER = Inches(0.4)
FOOT_Y, FOOT_H = Inches(6.95), Inches(0.3)
FOOT_LINE_Y = Inches(6.85)
WORDMARK_W = Inches(1.3)
NUMBER_W = Inches(0.9)
DATE_W = Inches(2.2)
# On the title and section layouts the content starts right of a vertical band.
BAND_W = Inches(0.42)
STRIPE_W = Inches(0.08)
INSET_X = Inches(1.15)
INSET_W = SLIDE_W - INSET_X - MARGIN

KEEP = ["Title Slide", "Title and Content", "Section Header", "Two Content", "Title Only", "Blank"]
FIXED_DATE = dt.datetime(2024, 1, 1, 0, 0, 0)


# --- small XML helpers -----------------------------------------------------------------
def el(tag: str, **attrs) -> etree._Element:
    node = OxmlElement(tag)
    for key, value in attrs.items():
        node.set(key, str(value))
    return node


def sub(parent, tag: str, **attrs) -> etree._Element:
    node = el(tag, **attrs)
    parent.append(node)
    return node


def parse(xml: str) -> etree._Element:
    """An element built with python-pptx's parser, so its proxies get the oxml classes."""
    return parse_xml(
        '<root xmlns:a="%s" xmlns:p="%s" xmlns:r="%s">%s</root>' % (NS["a"], NS["p"], NS["r"], xml))[0]


def next_id(sp_tree) -> int:
    ids = [int(x) for x in sp_tree.xpath(".//p:cNvPr/@id")]
    return max(ids + [1]) + 1


def xfrm_xml(x, y, cx, cy) -> str:
    return f'<a:xfrm><a:off x="{int(x)}" y="{int(y)}"/><a:ext cx="{int(cx)}" cy="{int(cy)}"/></a:xfrm>'


def rect(sp_tree, name: str, x, y, cx, cy, *, rgb=None, scheme=None) -> etree._Element:
    """A plain filled rectangle without outline, shadow or theme style."""
    colour = f'<a:schemeClr val="{scheme}"/>' if scheme else f'<a:srgbClr val="{rgb}"/>'
    sp = parse(
        f'<p:sp><p:nvSpPr><p:cNvPr id="{next_id(sp_tree)}" name="{name}"/><p:cNvSpPr/>'
        f'<p:nvPr userDrawn="1"/></p:nvSpPr><p:spPr>{xfrm_xml(x, y, cx, cy)}'
        f'<a:prstGeom prst="rect"><a:avLst/></a:prstGeom><a:solidFill>{colour}</a:solidFill>'
        f'<a:ln><a:noFill/></a:ln></p:spPr></p:sp>')
    _insert_decoration(sp_tree, sp)
    return sp


def wordmark(sp_tree, x, y, cx, cy, size_pt: float = 11) -> etree._Element:
    """The generated wordmark: a text shape, no picture, no real organisation's logo."""
    sz = int(size_pt * 100)
    run = (f'<a:rPr lang="en-US" sz="{sz}" b="{{b}}" dirty="0"><a:solidFill><a:schemeClr val="accent2"/>'
           f'</a:solidFill><a:latin typeface="{FONT}"/><a:cs typeface="{FONT}"/></a:rPr>')
    sp = parse(
        f'<p:sp><p:nvSpPr><p:cNvPr id="{next_id(sp_tree)}" name="Wordmark" descr="CA·intro wordmark"/>'
        f'<p:cNvSpPr txBox="1"/><p:nvPr userDrawn="1"/></p:nvSpPr>'
        f'<p:spPr>{xfrm_xml(x, y, cx, cy)}<a:prstGeom prst="rect"><a:avLst/></a:prstGeom><a:noFill/></p:spPr>'
        f'<p:txBody><a:bodyPr wrap="none" lIns="0" tIns="0" rIns="0" bIns="0" rtlCol="0" anchor="ctr">'
        f'<a:noAutofit/></a:bodyPr><a:lstStyle/><a:p><a:pPr algn="l"/>'
        f'<a:r>{run.format(b=1)}<a:t>CA</a:t></a:r>'
        f'<a:r>{run.format(b=0)}<a:t>·intro</a:t></a:r></a:p></p:txBody></p:sp>')
    _insert_decoration(sp_tree, sp)
    return sp


def _insert_decoration(sp_tree, sp) -> None:
    """Decorations go behind the placeholders: after the last existing decoration."""
    children = list(sp_tree)
    pos = 2  # after nvGrpSpPr and grpSpPr
    for i, child in enumerate(children):
        if child.tag == P + "sp" and child.find(".//p:nvPr/p:ph", NS) is None and i >= 2:
            pos = i + 1
    sp_tree.insert(pos, sp)


def ph_sp(shape):
    return shape._element


def place(shape, x, y, cx, cy) -> None:
    shape.left, shape.top, shape.width, shape.height = int(x), int(y), int(cx), int(cy)


def body_pr(sp, *, anchor: str | None = None, insets=(0, 0, 0, 0), autofit: str = "noAutofit") -> None:
    """Set text insets (EMU: left, top, right, bottom), anchoring and autofit of a placeholder."""
    tx = sp.find("p:txBody", NS)
    bp = tx.find("a:bodyPr", NS)
    for key, value in zip(("lIns", "tIns", "rIns", "bIns"), insets):
        bp.set(key, str(int(value)))
    if anchor:
        bp.set("anchor", anchor)
    for child in list(bp):
        if child.tag in (A + "normAutofit", A + "noAutofit", A + "spAutoFit"):
            bp.remove(child)
    bp.insert(0, el("a:" + autofit))


def lst_style(sp, levels: dict[int, str]) -> None:
    """Replace a placeholder's list style with the given ``lvlNpPr`` XML fragments."""
    tx = sp.find("p:txBody", NS)
    old = tx.find("a:lstStyle", NS)
    new = el("a:lstStyle")
    for lvl in sorted(levels):
        new.append(parse(levels[lvl]))
    old.getparent().replace(old, new)


def fill_xml(rgb=None, scheme=None) -> str:
    colour = f'<a:schemeClr val="{scheme}"/>' if scheme else f'<a:srgbClr val="{rgb}"/>'
    return f"<a:solidFill>{colour}</a:solidFill>"


# --- theme -------------------------------------------------------------------------------
def rework_theme(prs) -> None:
    theme_part = prs.slide_master.part.part_related_by(RT.THEME)
    root = etree.fromstring(theme_part.blob)
    root.set("name", THEME_NAME)
    scheme = root.find("a:themeElements/a:clrScheme", NS)
    scheme.set("name", THEME_NAME)
    for slot, rgb in SCHEME.items():
        node = scheme.find("a:" + slot, NS)
        for child in list(node):
            node.remove(child)
        sub(node, "a:srgbClr", val=rgb)
    fonts = root.find("a:themeElements/a:fontScheme", NS)
    fonts.set("name", THEME_NAME)
    for kind in ("a:majorFont", "a:minorFont"):
        group = fonts.find(kind, NS)
        group.find("a:latin", NS).set("typeface", FONT)
        group.find("a:ea", NS).set("typeface", "")
        group.find("a:cs", NS).set("typeface", "")
    fmt = root.find("a:themeElements/a:fmtScheme", NS)
    if fmt is not None:
        fmt.set("name", THEME_NAME)
        # No drop shadows in the effect styles: shapes referring to the theme stay flat.
        for effect in fmt.iterfind("a:effectStyleLst/a:effectStyle", NS):
            for child in list(effect):
                effect.remove(child)
            sub(effect, "a:effectLst")
    theme_part._blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


# --- master ------------------------------------------------------------------------------
def body_levels() -> dict[int, str]:
    """Body text: level 1 20 pt, level 2 18 pt, then 16/14; teal bullets; hanging indents."""
    sizes = [2000, 1800, 1600, 1400, 1400, 1400, 1400, 1400, 1400]
    chars = ["•", "–", "•", "–", "•", "•", "•", "•", "•"]
    levels = {}
    for i in range(9):
        mar = 285750 + i * 342900
        levels[i + 1] = (
            f'<a:lvl{i + 1}pPr marL="{mar}" indent="-285750" algn="l" defTabSz="914400" rtl="0" '
            f'eaLnBrk="1" latinLnBrk="0" hangingPunct="1"><a:lnSpc><a:spcPct val="100000"/></a:lnSpc>'
            f'<a:spcBef><a:spcPts val="{900 if i == 0 else 400}"/></a:spcBef>'
            f'<a:buClr><a:schemeClr val="accent2"/></a:buClr>'
            f'<a:buFont typeface="{FONT}"/><a:buChar char="{chars[i]}"/>'
            f'<a:defRPr sz="{sizes[i]}" kern="1200">{fill_xml(scheme="tx1")}'
            f'<a:latin typeface="+mn-lt"/><a:ea typeface="+mn-ea"/><a:cs typeface="+mn-cs"/></a:defRPr>'
            f'</a:lvl{i + 1}pPr>')
    return levels


def rework_master(prs) -> None:
    master = prs.slide_master
    root = master._element
    sp_tree = root.find("p:cSld/p:spTree", NS)

    # Placeholders on the grid.
    for ph in master.placeholders:
        sp = ph_sp(ph)
        kind = sp.find(".//p:nvPr/p:ph", NS).get("type", "body")
        if kind == "title":
            place(ph, MARGIN, TITLE_Y, CONTENT_W, TITLE_H)
            body_pr(sp, anchor="b")
        elif kind == "body":
            place(ph, MARGIN, BODY_Y, CONTENT_W, BODY_H)
            body_pr(sp, anchor="t")
        else:
            footer_placeholder(ph, kind, MARGIN + WORDMARK_W + Inches(0.2))

    # Decorations, behind the placeholders: accent rule under the title over a hairline,
    # hairline over the footer row, and the wordmark bottom-left.
    rect(sp_tree, "Title Hairline", MARGIN, RULE_Y + Inches(0.02), CONTENT_W, Inches(0.01), rgb=HAIRLINE)
    rect(sp_tree, "Title Rule", MARGIN, RULE_Y, Inches(1.2), Inches(0.05), scheme="accent2")
    rect(sp_tree, "Footer Hairline", MARGIN, FOOT_LINE_Y, CONTENT_W, Inches(0.01), rgb=HAIRLINE)
    wordmark(sp_tree, MARGIN, FOOT_Y, WORDMARK_W, FOOT_H)

    # Background: white from the theme (bg1 = lt1).
    # Text styles.
    styles = root.find("p:txStyles", NS)
    title_style = styles.find("p:titleStyle", NS)
    for child in list(title_style):
        title_style.remove(child)
    title_style.append(parse(
        f'<a:lvl1pPr algn="l" defTabSz="914400" rtl="0" eaLnBrk="1" latinLnBrk="0" hangingPunct="1">'
        f'<a:lnSpc><a:spcPct val="90000"/></a:lnSpc><a:spcBef><a:spcPct val="0"/></a:spcBef><a:buNone/>'
        f'<a:defRPr sz="3000" b="1" kern="1200">{fill_xml(scheme="tx2")}'
        f'<a:latin typeface="+mj-lt"/><a:ea typeface="+mj-ea"/><a:cs typeface="+mj-cs"/></a:defRPr>'
        f'</a:lvl1pPr>'))
    body_style = styles.find("p:bodyStyle", NS)
    for child in list(body_style):
        body_style.remove(child)
    for _, xml in sorted(body_levels().items()):
        body_style.append(parse(xml))


def footer_placeholder(ph, kind: str, footer_x) -> None:
    """Date, footer and slide number along the bottom row, small and muted."""
    sp = ph_sp(ph)
    right = SLIDE_W - MARGIN
    if kind == "sldNum":
        place(ph, right - NUMBER_W, FOOT_Y, NUMBER_W, FOOT_H)
        align = "r"
    elif kind == "dt":
        place(ph, right - NUMBER_W - Inches(0.2) - DATE_W, FOOT_Y, DATE_W, FOOT_H)
        align = "r"
    else:  # ftr
        date_x = right - NUMBER_W - Inches(0.2) - DATE_W
        place(ph, footer_x, FOOT_Y, date_x - Inches(0.2) - footer_x, FOOT_H)
        align = "l"
    body_pr(sp, anchor="ctr")
    for field in sp.iterfind(".//a:fld", NS):
        if field.get("type", "").startswith("datetime"):
            field.find("a:t", NS).text = "1/1/2024"   # cached text; viewers refresh the field
    lst_style(sp, {1: f'<a:lvl1pPr algn="{align}"><a:defRPr sz="1000">{fill_xml(rgb=MUTED)}</a:defRPr></a:lvl1pPr>'})


# --- layouts -----------------------------------------------------------------------------
def remove_other_layouts(prs) -> None:
    layouts = prs.slide_master.slide_layouts
    for layout in list(layouts):
        if layout.name not in KEEP:
            layouts.remove(layout)
    names = [layout.name for layout in layouts]
    assert sorted(names) == sorted(KEEP), names
    # Order the layouts as listed in KEEP and number their parts 1..6.
    id_lst = prs.slide_master._element.find("p:sldLayoutIdLst", NS)
    parts = {}
    entries = {}
    for entry in id_lst:
        part = prs.slide_master.part.related_part(entry.get("{%s}id" % NS["r"]))
        parts[part.slide_layout.name] = part
        entries[part.slide_layout.name] = entry
    for entry in list(id_lst):
        id_lst.remove(entry)
    for n, name in enumerate(KEEP, start=1):
        entry = entries[name]
        entry.set("id", str(2147483648 + n))    # after the master's id 2147483648
        id_lst.append(entry)
        parts[name].partname = PackURI(f"/ppt/slideLayouts/slideLayout{n}.xml")


def footer_row(layout, footer_x=None) -> None:
    for ph in layout.placeholders:
        kind = ph_sp(ph).find(".//p:nvPr/p:ph", NS).get("type", "body")
        if kind in ("dt", "ftr", "sldNum"):
            footer_placeholder(ph, kind, footer_x if footer_x is not None else MARGIN + WORDMARK_W + Inches(0.2))


def placeholder(layout, idx: int):
    for ph in layout.placeholders:
        if ph.placeholder_format.idx == idx:
            return ph
    raise KeyError(idx)


def plain_text_levels(size: int, colour_xml: str) -> dict[int, str]:
    return {1: f'<a:lvl1pPr marL="0" indent="0" algn="l"><a:spcBef><a:spcPts val="0"/></a:spcBef><a:buNone/>'
               f'<a:defRPr sz="{size}">{colour_xml}</a:defRPr></a:lvl1pPr>'}


def standard_title(layout) -> None:
    ph = placeholder(layout, 0)
    place(ph, MARGIN, TITLE_Y, CONTENT_W, TITLE_H)
    body_pr(ph_sp(ph), anchor="b")
    lst_style(ph_sp(ph), {})


def rework_title_slide(layout) -> None:
    sp_tree = layout._element.find("p:cSld/p:spTree", NS)
    layout._element.set("showMasterSp", "0")
    rect(sp_tree, "Side Band", 0, 0, BAND_W, SLIDE_H, scheme="tx2")
    rect(sp_tree, "Side Stripe", BAND_W, 0, STRIPE_W, SLIDE_H, scheme="accent2")
    rect(sp_tree, "Title Rule", INSET_X, Inches(4.12), Inches(1.6), Inches(0.06), scheme="accent2")
    rect(sp_tree, "Footer Hairline", INSET_X, FOOT_LINE_Y, SLIDE_W - MARGIN - INSET_X, Inches(0.01), rgb=HAIRLINE)
    wordmark(sp_tree, INSET_X, FOOT_Y, WORDMARK_W, FOOT_H)
    title = placeholder(layout, 0)
    place(title, INSET_X, Inches(1.7), INSET_W, Inches(2.25))
    body_pr(ph_sp(title), anchor="b")
    lst_style(ph_sp(title), {1: '<a:lvl1pPr algn="l"><a:lnSpc><a:spcPct val="90000"/></a:lnSpc>'
                                '<a:defRPr sz="3600" b="1"/></a:lvl1pPr>'})
    subtitle = placeholder(layout, 1)
    place(subtitle, INSET_X, Inches(4.4), INSET_W, Inches(1.6))
    body_pr(ph_sp(subtitle), anchor="t")
    lst_style(ph_sp(subtitle), plain_text_levels(2000, fill_xml(rgb=MUTED)))
    footer_row(layout, INSET_X + WORDMARK_W + Inches(0.2))


def rework_content(layout) -> None:
    standard_title(layout)
    body = placeholder(layout, 1)
    place(body, MARGIN, BODY_Y, CONTENT_W, BODY_H)
    body_pr(ph_sp(body), anchor="t")
    lst_style(ph_sp(body), {})
    footer_row(layout)


def rework_two_content(layout) -> None:
    standard_title(layout)
    half = (CONTENT_W - GUTTER) // 2
    for idx, x in ((1, MARGIN), (2, MARGIN + half + GUTTER)):
        ph = placeholder(layout, idx)
        place(ph, x, BODY_Y, half, BODY_H)
        body_pr(ph_sp(ph), anchor="t")
        lst_style(ph_sp(ph), {})
    footer_row(layout)


def rework_section(layout) -> None:
    sp_tree = layout._element.find("p:cSld/p:spTree", NS)
    layout._element.set("showMasterSp", "0")
    rect(sp_tree, "Side Band", 0, 0, BAND_W, SLIDE_H, scheme="tx2")
    rect(sp_tree, "Section Panel", BAND_W, Inches(2.0), SLIDE_W - BAND_W, Inches(3.9), rgb=LIGHT)
    rect(sp_tree, "Title Rule", INSET_X, Inches(3.72), Inches(1.2), Inches(0.05), scheme="accent2")
    rect(sp_tree, "Footer Hairline", MARGIN, FOOT_LINE_Y, CONTENT_W, Inches(0.01), rgb=HAIRLINE)
    wordmark(sp_tree, MARGIN, FOOT_Y, WORDMARK_W, FOOT_H)
    title = placeholder(layout, 0)
    place(title, INSET_X, Inches(2.3), INSET_W, Inches(1.3))
    body_pr(ph_sp(title), anchor="b")
    lst_style(ph_sp(title), {1: '<a:lvl1pPr algn="l"><a:defRPr sz="3200" b="1" cap="none"/></a:lvl1pPr>'})
    body = placeholder(layout, 1)
    place(body, INSET_X, Inches(3.95), INSET_W, Inches(1.7))
    body_pr(ph_sp(body), anchor="t")
    lst_style(ph_sp(body), plain_text_levels(2000, fill_xml(scheme="tx1")))
    footer_row(layout)


def rework_title_only(layout) -> None:
    standard_title(layout)
    footer_row(layout)


def rework_blank(layout) -> None:
    # No title, so no title rule: only the footer row of the master.
    sp_tree = layout._element.find("p:cSld/p:spTree", NS)
    layout._element.set("showMasterSp", "0")
    rect(sp_tree, "Footer Hairline", MARGIN, FOOT_LINE_Y, CONTENT_W, Inches(0.01), rgb=HAIRLINE)
    wordmark(sp_tree, MARGIN, FOOT_Y, WORDMARK_W, FOOT_H)
    footer_row(layout)


def rework_layouts(prs) -> None:
    work = {
        "Title Slide": rework_title_slide,
        "Title and Content": rework_content,
        "Section Header": rework_section,
        "Two Content": rework_two_content,
        "Title Only": rework_title_only,
        "Blank": rework_blank,
    }
    for layout in prs.slide_master.slide_layouts:
        work[layout.name](layout)


# --- package -----------------------------------------------------------------------------
def rework_package(prs) -> None:
    sld_sz = prs.part._element.find("p:sldSz", NS)
    prs.slide_width, prs.slide_height = SLIDE_W, SLIDE_H
    if "type" in sld_sz.attrib:
        del sld_sz.attrib["type"]        # custom size; PowerPoint writes no type for 13.333x7.5
    props = prs.core_properties
    props.title = "Corporate template"
    props.author = "CA·intro template script"
    props.last_modified_by = "CA·intro template script"
    props.subject = "Branded 16:9 template for the ISO/IEC/CASCO introduction deck"
    props.comments = "Generated by templates/corporate/make_template.py; do not edit by hand"
    props.keywords = ""
    props.category = ""
    props.revision = 1
    props.created = FIXED_DATE
    props.modified = FIXED_DATE
    package = prs.part.package
    # The default template's thumbnail shows a blank 4:3 page: drop it.
    for rid, rel in list(package._rels.items()):
        if rel.reltype == RT.THUMBNAIL:
            package._rels.pop(rid)
    # Extended properties still name the old theme and 4:3 format.
    for part in package.iter_parts():
        if part.partname == "/docProps/app.xml":
            root = etree.fromstring(part.blob)
            ep = "{http://schemas.openxmlformats.org/officeDocument/2006/extended-properties}"
            vt = "{http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes}"
            root.find(ep + "Application").text = "python-pptx"
            root.find(ep + "PresentationFormat").text = "Widescreen"
            root.find(ep + "TotalTime").text = "0"
            for lpstr in root.iter(vt + "lpstr"):
                if lpstr.text == "Office Theme":
                    lpstr.text = THEME_NAME
            part._blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def stable_zip(data: bytes) -> bytes:
    """Rewrite the zip with fixed timestamps and attributes, keeping the member order."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            member = zipfile.ZipInfo(info.filename, date_time=(2024, 1, 1, 0, 0, 0))
            member.compress_type = zipfile.ZIP_DEFLATED
            member.external_attr = 0o644 << 16
            member.create_system = 0
            dst.writestr(member, src.read(info.filename))
    return out.getvalue()


def build() -> bytes:
    prs = Presentation()
    rework_package(prs)
    rework_theme(prs)
    remove_other_layouts(prs)
    rework_master(prs)
    rework_layouts(prs)
    buffer = io.BytesIO()
    prs.save(buffer)
    return stable_zip(buffer.getvalue())


def main(argv: list[str]) -> int:
    dest = Path(argv[1]) if len(argv) > 1 else OUTPUT
    dest.write_bytes(build())
    print(f"wrote {dest}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
