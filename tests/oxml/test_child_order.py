"""``oxml.child_order``: new children land at their schema position, whatever is already there."""

from __future__ import annotations

from lxml import etree
from pptx.oxml.ns import qn

from generator.oxml.child_order import LN_ORDER, PPR_ORDER, insert_in_order, set_child


def element(*tags: str):
    parent = etree.Element(qn("a:pPr"))
    for tag in tags:
        etree.SubElement(parent, qn(tag))
    return parent


def names(parent) -> list[str]:
    return [etree.QName(child).localname for child in parent]


def test_a_child_goes_before_the_first_later_sibling():
    parent = element("a:lnSpc", "a:buChar", "a:extLst")
    insert_in_order(parent, "a:spcBef", PPR_ORDER)
    insert_in_order(parent, "a:buClr", PPR_ORDER, {"x": "1"})
    assert names(parent) == ["lnSpc", "spcBef", "buClr", "buChar", "extLst"]
    assert parent[2].get("x") == "1"


def test_a_child_with_no_later_sibling_goes_last():
    parent = element("a:lnSpc")
    insert_in_order(parent, "a:extLst", PPR_ORDER)
    assert names(parent) == ["lnSpc", "extLst"]


def test_set_child_replaces_rather_than_adds():
    parent = element("a:solidFill", "a:headEnd")
    first = set_child(parent, "a:tailEnd", LN_ORDER, {"type": "oval"})
    second = set_child(parent, "a:tailEnd", LN_ORDER, {"type": "triangle"})
    assert names(parent) == ["solidFill", "headEnd", "tailEnd"]
    assert first.getparent() is None and second.get("type") == "triangle"
