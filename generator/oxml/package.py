"""The package: part names, relationship files, content types, core dates, every zip entry.

Saving with python-pptx builds an element tree and computes a relative path for every
relationship, and its next free part name walks the whole package; ``relationships_xml`` and
``PartnameIndex`` do the same with text and running counts, byte for byte.
"""

from __future__ import annotations

import posixpath

from lxml import etree
from pptx.opc.packuri import PackURI
from pptx.opc.serialized import PackageWriter

from .package_limits import MAX_CORE_TITLE_CHARS

DCTERMS = "http://purl.org/dc/terms/"


class PartnameIndex:
    """``OpcPackage.next_partname`` with the package's part names gathered once per name prefix.

    The result is python-pptx's (the highest free number counting down from one more than the
    names in use); each name handed out is counted as used, since every caller creates a part
    under it straight away. The parts are listed once; the names of parts added since without
    this method (slides: ``add_slide`` names them itself) are never asked for.
    """

    def __init__(self, package):
        self.package = package
        self.all: set[str] | None = None              # every part name, from one walk of the package
        self.names: dict[str, set[str]] = {}          # prefix -> the part names that start with it

    def next_partname(self, tmpl: str) -> PackURI:
        prefix = tmpl[: (tmpl % 42).find("42")]
        names = self.names.get(prefix)
        if names is None:
            if self.all is None:
                self.all = {str(p.partname) for p in self.package.iter_parts()}
            names = self.names[prefix] = {name for name in self.all if name.startswith(prefix)}
        for number in range(len(names) + 1, 0, -1):
            candidate = tmpl % number
            if candidate not in names:
                names.add(candidate)
                self.all.add(candidate)
                return PackURI(candidate)
        raise RuntimeError("ran out of part names")   # pragma: no cover - as in python-pptx


def install_partname_index(prs) -> PartnameIndex:
    """Give this presentation's package the indexed ``next_partname`` (charts, notes, workbooks)."""
    package = prs.part.package
    index = PartnameIndex(package)
    package.next_partname = index.next_partname
    return index


def package_entries(prs) -> dict[str, bytes]:
    """Every zip entry ``prs.save`` writes, by member name, with the same bytes.

    The content types and the parts come from python-pptx's own package writer; the
    relationship files are written by ``relationships_xml``.
    """
    class _Entries:
        def __init__(self):
            self.entries: dict[str, bytes] = {}

        def write(self, pack_uri, blob: bytes) -> None:
            self.entries[pack_uri.membername] = blob

    package = prs.part.package
    parts = tuple(package.iter_parts())
    writer = PackageWriter(None, package._rels, parts)
    target = _Entries()
    writer._write_content_types_stream(target)
    entries = target.entries
    entries["_rels/.rels"] = relationships_xml(package._rels, "/")
    for part in parts:
        entries[part.partname.membername] = part.blob
        if part._rels:
            entries[part.partname.rels_uri.membername] = relationships_xml(part._rels, part.partname.baseURI)
    return entries


def core_property_text(text: str, limit: int = MAX_CORE_TITLE_CHARS) -> str:
    """``text`` as a core property (title, subject, author) can hold it: at most ``limit`` characters.

    A longer text is cut at the last space of its second half, else mid-word, and ends with "…".
    """
    if len(text) <= limit:
        return text
    cut = text[:limit - 1]
    space = cut.rfind(" ")
    if space > limit // 2:
        cut = cut[:space]
    return cut.rstrip() + "…"


def with_core_dates(core_xml: bytes, stamp: str) -> bytes:
    """A ``docProps/core.xml`` with its created and modified dates set to ``stamp`` (W3CDTF)."""
    root = etree.fromstring(core_xml)
    for tag in ("created", "modified"):
        for element in root.iter(f"{{{DCTERMS}}}{tag}"):
            element.text = stamp
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


# ---------------------------------------------------------------- relationship files

_RELS_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
_ATTRIBUTE_ESCAPES = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;",
                                    "\n": "&#10;", "\r": "&#13;", "\t": "&#9;"})
_RELATIVE_REFS: dict[tuple[str, str], str] = {}


def relationships_xml(rels, base_uri: str) -> bytes:
    """A part's ``.rels`` file: the bytes python-pptx's ``_Relationships.xml`` serializes.

    Written as text, relationships in numerical order of their ids, external ones with
    ``TargetMode="External"``; relative targets are computed once per (target, folder).
    python-pptx builds an element tree per file and a relative path per relationship, which
    for a thousand-slide deck is a tenth of its saving time.
    """
    def order(rId: str) -> tuple[int, str]:
        return (int(rId[3:]) if rId.startswith("rId") and rId[3:].isdigit() else 0, rId)

    items = []
    for rId in sorted(rels.keys(), key=order):
        rel = rels[rId]
        if rel.is_external:
            target, mode = rel.target_ref, ' TargetMode="External"'
        else:
            target, mode = _relative_ref(str(rel.target_partname), base_uri), ""
        items.append(f'<Relationship Id="{rId.translate(_ATTRIBUTE_ESCAPES)}" '
                     f'Type="{rel.reltype.translate(_ATTRIBUTE_ESCAPES)}" '
                     f'Target="{target.translate(_ATTRIBUTE_ESCAPES)}"{mode}/>')
    body = "".join(items)
    root = f'<Relationships xmlns="{_RELS_NS}">{body}</Relationships>' if body else \
        f'<Relationships xmlns="{_RELS_NS}"/>'
    return ("<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n" + root).encode("utf-8")


def _relative_ref(partname: str, base_uri: str) -> str:
    """``PackURI.relative_ref``: the part name relative to the folder ``base_uri``."""
    key = (partname, base_uri)
    found = _RELATIVE_REFS.get(key)
    if found is None:
        found = _RELATIVE_REFS[key] = partname[1:] if base_uri == "/" else posixpath.relpath(partname, base_uri)
    return found
