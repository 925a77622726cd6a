"""The package: part names, relationship files, content types, core dates, every zip entry.

Saving with python-pptx builds an element tree and computes a relative path for every
relationship, and its next free part name walks the whole package; ``relationships_xml`` and
``PartnameIndex`` do the same with text and running counts, byte for byte.
"""

from __future__ import annotations

import posixpath

from lxml import etree
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.opc.package import _Relationship
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

    def forget(self) -> None:
        """Gather the part names again on the next request: parts were removed or renamed."""
        self.all, self.names = None, {}

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


def package_entries(prs, reuse: dict | None = None) -> dict[str, bytes]:
    """Every zip entry ``prs.save`` writes, by member name, with the same bytes.

    The content types and the parts come from python-pptx's own package writer; the
    relationship files are written by ``relationships_xml``. ``reuse``, kept by a caller that
    saves the same presentation again and again, holds the bytes of each part (by the part
    object) from the last save: a part seen before is not serialized again. Such a caller
    edits no part in place after it is drawn but the presentation part, which is always
    written anew; a slide drawn again is a new part (``move_last_slide_to``).
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
    known = {} if reuse is None else dict(reuse)
    for part in parts:
        found = known.get(part) if part is not prs.part else None
        if found is None:
            rels = relationships_xml(part._rels, part.partname.baseURI) if part._rels else None
            found = (part.blob, rels)
        if reuse is not None:
            reuse[part] = found
        entries[part.partname.membername] = found[0]
        if found[1] is not None:
            entries[part.partname.rels_uri.membername] = found[1]
    if reuse is not None:
        for gone in set(reuse) - set(parts):
            del reuse[gone]
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


def move_last_slide_to(prs, number: int) -> bool:
    """Put the last slide in the place of slide ``number`` (from 1), under that slide's part names.

    The last slide was just drawn as a new version of slide ``number``: it takes the old one's
    relationship id, slide id and part names (the slide's, its notes slide's, its charts' and
    their workbooks'), and the old parts leave the package, so the bytes are those of a deck
    drawn in order. False, with nothing changed, when the two slides do not hold parts of the
    same kinds (a chart more or less renumbers every later chart: draw the deck anew).
    """
    presentation = prs.part
    slide_ids = presentation._element.get_or_add_sldIdLst()
    old_id, new_id = slide_ids[number - 1], slide_ids[-1]
    old, new = presentation.related_part(old_id.rId), presentation.related_part(new_id.rId)
    pairs = _same_parts(old, new)
    if pairs is None:
        return False
    for part, partname in pairs:
        part.partname = partname
    _retarget(presentation._rels, old_id.rId, new)
    for part, _ in pairs:                   # python-pptx keeps each relationship's target name once asked
        for rId in list(part._rels.keys()):
            _retarget(part._rels, rId, part._rels[rId]._target)
    slide_ids.remove(new_id)
    presentation.drop_rel(new_id.rId)
    package = presentation.package
    index = getattr(package.next_partname, "__self__", None)
    if isinstance(index, PartnameIndex):
        index.forget()
    return True


def _retarget(rels, rId: str, target) -> None:
    """Relationship ``rId`` of ``rels`` made anew, pointing at ``target`` (python-pptx caches a target's name)."""
    rel = rels[rId]
    rels._rels[rId] = _Relationship(rel._base_uri, rId, rel.reltype, rel._target_mode, target)


# The parts a slide owns: its notes slide, its charts, and their embedded workbooks.
_OWNED = (RT.NOTES_SLIDE, RT.CHART, RT.PACKAGE)


def _same_parts(old, new) -> list | None:
    """(part of ``new``, the name of its counterpart in ``old``) for ``new`` and every part it owns,
    paired in relationship order; None when the two own parts of different kinds."""
    def owned(part) -> list:
        rels = [part._rels[rId] for rId in sorted(part._rels.keys(), key=_rId_order)]
        return [rel for rel in rels if not rel.is_external and rel.reltype in _OWNED]

    pairs = [(new, old.partname)]
    old_rels, new_rels = owned(old), owned(new)
    if [rel.reltype for rel in old_rels] != [rel.reltype for rel in new_rels]:
        return None
    for old_rel, new_rel in zip(old_rels, new_rels):
        deeper = _same_parts(old_rel.target_part, new_rel.target_part)
        if deeper is None:
            return None
        pairs.extend(deeper)
    return pairs


def _rId_order(rId: str) -> tuple[int, str]:
    return (int(rId[3:]) if rId.startswith("rId") and rId[3:].isdigit() else 0, rId)


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
    items = []
    for rId in sorted(rels.keys(), key=_rId_order):
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
