"""Where a new child element goes: the schema order of the elements the deck edits.

PowerPoint "repairs", and drops content from, files whose children are out of order, so every
insertion goes through ``insert_in_order`` or ``set_child``, never through patched XML.
"""

from __future__ import annotations

from pptx.oxml.ns import qn

# a:rPr children (CT_TextCharacterProperties)
RPR_ORDER = ["a:ln", "a:noFill", "a:solidFill", "a:gradFill", "a:blipFill", "a:pattFill", "a:grpFill",
             "a:effectLst", "a:effectDag", "a:highlight", "a:uLnTx", "a:uLn", "a:uFillTx", "a:uFill",
             "a:latin", "a:ea", "a:cs", "a:sym", "a:hlinkClick", "a:hlinkMouseOver", "a:rtl", "a:extLst"]
# a:bodyPr children (CT_TextBodyProperties)
BODYPR_ORDER = ["a:prstTxWarp", "a:noAutofit", "a:normAutofit", "a:spAutoFit", "a:scene3d", "a:sp3d",
                "a:flatTx", "a:extLst"]
# a:ln children (CT_LineProperties)
LN_ORDER = ["a:noFill", "a:solidFill", "a:gradFill", "a:pattFill", "a:prstDash", "a:custDash", "a:round",
            "a:bevel", "a:miter", "a:headEnd", "a:tailEnd", "a:extLst"]
# a:pPr children (CT_TextParagraphProperties)
PPR_ORDER = ["a:lnSpc", "a:spcBef", "a:spcAft", "a:buClrTx", "a:buClr", "a:buSzTx", "a:buSzPct", "a:buSzPts",
             "a:buFontTx", "a:buFont", "a:buNone", "a:buAutoNum", "a:buChar", "a:buBlip", "a:tabLst", "a:defRPr",
             "a:extLst"]
# a:cNvCxnSpPr children (CT_NonVisualConnectorProperties)
CXN_ORDER = ["a:cxnSpLocks", "a:stCxn", "a:endCxn", "a:extLst"]

_LATER: dict[tuple[str, tuple], tuple[str, frozenset]] = {}


def _later(tag: str, order: list[str]) -> tuple[str, frozenset]:
    """``tag`` in Clark notation and the tags that come after it in ``order``, computed once."""
    key = (tag, tuple(order))
    found = _LATER.get(key)
    if found is None:
        position = order.index(tag)
        found = _LATER[key] = (qn(tag), frozenset(qn(t) for t in order[position + 1:]))
    return found


def insert_in_order(parent, tag: str, order: list[str], attrib: dict | None = None):
    """A new child ``tag`` of ``parent`` at its schema position (before any later sibling)."""
    clark, later = _later(tag, order)
    child = parent.makeelement(clark, attrib or {})
    for sibling in parent:
        if sibling.tag in later:
            sibling.addprevious(child)
            return child
    parent.append(child)
    return child


def set_child(parent, tag: str, order: list[str], attrib: dict | None = None):
    """Replace or insert ``parent``'s child ``tag`` at its schema position; return it."""
    existing = parent.find(_later(tag, order)[0])
    if existing is not None:
        parent.remove(existing)
    return insert_in_order(parent, tag, order, attrib)
