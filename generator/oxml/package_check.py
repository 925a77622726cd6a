"""The structure of a .pptx package, checked part by part: for templates and for built decks.

``check_template`` is what a template must pass before python-pptx sees it: every XML part
parses with entities and DTDs refused (a DOCTYPE is an error), every relationship stays in
the package (only hyperlinks may point outside), every part it names exists, every
``r:id`` a part uses is one of its relationships, every part has a content type, the
presentation and its slide master are there, and no layout or master holds more than
``MAX_SHAPES_PER_LAYOUT`` shapes. ``check_built_deck`` re-reads a deck the build wrote with
the same structural checks. Both raise one ``ContentError`` naming the file and each part.
"""

from __future__ import annotations

import posixpath
from pathlib import Path

from lxml import etree

from ..errors import ContentError, Problem, display_path
from .package_limits import MAX_SHAPES_PER_LAYOUT, read_package, read_package_file

_PKG_RELS = "{http://schemas.openxmlformats.org/package/2006/relationships}Relationship"
_CT = "{http://schemas.openxmlformats.org/package/2006/content-types}"
_R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_OFFICE_DOCUMENT = (f"{_R}/officeDocument", "http://purl.oclc.org/ooxml/officeDocument/relationships/officeDocument")
_SLIDE_MASTER = f"{_R}/slideMaster"
_HYPERLINK = f"{_R}/hyperlink"
_P = "{http://schemas.openxmlformats.org/presentationml/2006/main}"
_SHAPES = frozenset(f"{_P}{tag}" for tag in ("sp", "pic", "graphicFrame", "grpSp", "cxnSp", "contentPart"))
_LAYOUT_TYPE, _MASTER_TYPE = "slideLayout+xml", "slideMaster+xml"     # how their content types end
CONTENT_TYPES = "[Content_Types].xml"
_RELATIONSHIP_ATTRIBUTES = etree.XPath("//@r:*", namespaces={"r": _R})     # r:id, r:embed, r:link, ...

# Entities are never expanded, no DTD is loaded, nothing is fetched; a DOCTYPE is refused after parsing.
SAFE_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, dtd_validation=False,
                              huge_tree=False)


class _Findings:
    """Problems with one package, each naming the file and the part."""

    def __init__(self, shown: str):
        self.shown = shown
        self.problems: list[Problem] = []

    def add(self, part: str, message: str, hint: str | None = None, line: int | None = None) -> None:
        where = f"part '{part}'" + (f" line {line}" if line else "")
        self.problems.append(Problem(self.shown, None, None, f"{where}: {message}", hint))

    def raise_if_any(self) -> None:
        if self.problems:
            raise ContentError(self.problems)


def parse_part(data: bytes):
    """The root element of one XML part; ``XMLSyntaxError`` when not well-formed, ``ValueError`` on a DOCTYPE."""
    root = etree.fromstring(data, parser=SAFE_PARSER)
    docinfo = root.getroottree().docinfo
    if docinfo.doctype or docinfo.internalDTD is not None:
        raise ValueError("it declares a DOCTYPE (entities and DTDs are not allowed in a .pptx)")
    return root


def check_template(entries: dict[str, bytes], shown: str) -> None:
    """Raise ``ContentError`` unless ``entries`` (the zip of ``shown``) is a package a template may be."""
    found = _Findings(shown)
    for required in (CONTENT_TYPES, "_rels/.rels"):
        if required not in entries:
            raise ContentError([Problem(shown, None, None, f"cannot open as a .pptx presentation: it has no "
                                                           f"'{required}'", "save the template again from PowerPoint")])
    roots = _parse_all(entries, found, external_ok=(_HYPERLINK,))
    types = _content_types(roots, found)
    main = _main_document(roots, found)
    if main is not None:
        masters = [target for target, kind in _targets(roots, main) if kind == _SLIDE_MASTER and target in roots]
        if not masters:
            found.add(main, "the presentation has no slide master", "save the template again from PowerPoint")
    _check_layouts(roots, types, found)
    found.raise_if_any()


def _check_layouts(roots: dict, types: dict[str, str], found: _Findings) -> None:
    """Each layout relates to its slide master; no layout or master holds more than the limit of shapes."""
    for name, root in roots.items():
        kind = types.get(name, "")
        if kind.endswith(_LAYOUT_TYPE) and \
                not any(rel == _SLIDE_MASTER and target in roots for target, rel in _targets(roots, name)):
            found.add(name, "the layout has no slide master", "save the template again from PowerPoint")
        if root is not None and kind.endswith((_LAYOUT_TYPE, _MASTER_TYPE)):
            count = sum(1 for element in root.iter() if element.tag in _SHAPES)
            if count > MAX_SHAPES_PER_LAYOUT:
                found.add(name, f"{count:,} shapes, over the limit of {MAX_SHAPES_PER_LAYOUT:,} per layout")


def check_built_decks(paths) -> None:
    """``check_built_deck`` for each staged deck, before any is installed."""
    for path in paths:
        check_built_deck(path)


def check_built_deck(path: Path) -> None:
    """Re-read the deck at ``path``: the zip opens, its XML parses, its relationships and content types hold."""
    shown = display_path(path)
    entries = read_package(read_package_file(path), shown)
    found = _Findings(shown)
    roots = _parse_all(entries, found, external_ok=None, keep_parts=False)
    del entries
    _content_types(roots, found)
    _main_document(roots, found)
    found.raise_if_any()


# --------------------------------------------------------------------------- the checks

def _is_xml(name: str) -> bool:
    return name.lower().endswith((".xml", ".rels"))


def _parse_all(entries: dict[str, bytes], found: _Findings, external_ok, keep_parts: bool = True) -> dict[str, object]:
    """Every XML part parsed, by name; each part's relationships checked against the package.

    The ``.rels`` parts and the content types come first, so each other part is checked as it
    is parsed; with ``keep_parts`` False its tree is then dropped (a deck's thousand slides
    need not be held at once), and only the fact that it parsed is kept.
    """
    roots = {}
    first = sorted(entries, key=lambda name: not (_is_rels(name) or name == CONTENT_TYPES))
    for name in first:
        data = entries[name]
        if not _is_xml(name):
            roots.setdefault(name, None)
            continue
        try:
            root = parse_part(data)
        except etree.XMLSyntaxError as exc:
            roots[name] = None
            found.add(name, f"not well-formed XML: {exc.msg}", line=exc.lineno)
            continue
        except ValueError as exc:
            roots[name] = None
            found.add(name, str(exc))
            continue
        if _is_rels(name) or name == CONTENT_TYPES:
            roots[name] = root
            continue
        _check_relationship_ids(name, root, roots, found)
        roots[name] = root if keep_parts else _PARSED
    for name in list(roots):
        if _is_rels(name) and roots.get(name) is not None:
            _check_relationships(name, roots, found, external_ok)
    return roots


# What a part parsed and checked, but not kept, stands as in ``_parse_all``'s result.
_PARSED = etree.Element("parsed")


def _is_rels(name: str) -> bool:
    return name.endswith(".rels") and (name.startswith("_rels/") or "/_rels/" in name)


def _rels_name(part: str) -> str:
    folder, base = posixpath.split(part)
    return posixpath.join(folder, "_rels", base + ".rels")


def _source_folder(rels_name: str) -> str:
    """The folder a ``.rels`` file's relative targets start from ('' for the package's own)."""
    return posixpath.dirname(posixpath.dirname(rels_name))


def _relationships(root):
    return [element for element in root if element.tag == _PKG_RELS]


def _check_relationships(rels_name: str, roots: dict, found: _Findings, external_ok) -> None:
    folder = _source_folder(rels_name)
    for rel in _relationships(roots[rels_name]):
        target, kind = rel.get("Target") or "", rel.get("Type") or ""
        if rel.get("TargetMode") == "External":
            if external_ok is not None and kind not in external_ok:
                found.add(rels_name, f"relationship {rel.get('Id')} points outside the package ('{target}'); "
                                     "only hyperlinks may", "embed the file in the template instead of linking it")
            continue
        resolved = _resolve(folder, target)
        if resolved is None:
            found.add(rels_name, f"relationship {rel.get('Id')} points outside the package ('{target}')",
                      "a template's parts must all be inside its .pptx")
        elif resolved not in roots:
            found.add(rels_name, f"relationship {rel.get('Id')} points to '{resolved}', which is not in the "
                                 "package")


def _resolve(folder: str, target: str) -> str | None:
    """A relationship target as a zip entry name; None when it leaves the package."""
    path = target.split("#", 1)[0]
    joined = path.lstrip("/") if path.startswith("/") else posixpath.join(folder, path)
    normal = posixpath.normpath(joined) if joined else ""
    if not normal or normal == ".." or normal.startswith("../") or normal.startswith("/"):
        return None
    return normal


def _targets(roots: dict, part: str) -> list[tuple[str, str]]:
    """(entry name, relationship type) of a part's internal relationships."""
    rels = roots.get(_rels_name(part))
    if rels is None:
        return []
    folder = posixpath.dirname(part)
    found = []
    for rel in _relationships(rels):
        if rel.get("TargetMode") != "External":
            resolved = _resolve(folder, rel.get("Target") or "")
            if resolved:
                found.append((resolved, rel.get("Type") or ""))
    return found


def _check_relationship_ids(name: str, root, roots: dict, found: _Findings) -> None:
    """Every ``r:id``, ``r:embed``, ... of a part names one of its relationships."""
    used = set(_RELATIONSHIP_ATTRIBUTES(root))
    if not used:
        return
    rels = roots.get(_rels_name(name))
    known = {rel.get("Id") for rel in _relationships(rels)} if rels is not None else set()
    for rid in sorted(used - known):
        found.add(name, f"it refers to relationship '{rid}', which {_rels_name(name)} does not have")


def _content_types(roots: dict, found: _Findings) -> dict[str, str]:
    """Each part's content type; a part with none is a problem."""
    root = roots.get(CONTENT_TYPES)
    if root is None:
        if CONTENT_TYPES not in roots:
            found.add(CONTENT_TYPES, "missing: a .pptx must have one")
        return {}
    defaults = {(d.get("Extension") or "").lower(): d.get("ContentType") or "" for d in root.iter(f"{_CT}Default")}
    overrides = {(o.get("PartName") or "").lstrip("/").lower(): o.get("ContentType") or ""
                 for o in root.iter(f"{_CT}Override")}
    types = {}
    for name in roots:
        if name == CONTENT_TYPES:
            continue
        kind = overrides.get(name.lower()) or defaults.get(_extension(name))
        if kind:
            types[name] = kind
        else:
            found.add(name, f"it has no content type in {CONTENT_TYPES}")
    return types


def _extension(name: str) -> str:
    """The extension content types go by: ``_rels/.rels`` has ``rels``."""
    base = posixpath.basename(name)
    return base.rsplit(".", 1)[1].lower() if "." in base else ""


def _main_document(roots: dict, found: _Findings) -> str | None:
    """The presentation part the package's ``_rels/.rels`` names; None (and a problem) when missing."""
    rels = roots.get("_rels/.rels")
    if rels is None:
        if "_rels/.rels" not in roots:
            found.add("_rels/.rels", "missing: the package names no presentation")
        return None
    for rel in _relationships(rels):
        if rel.get("Type") in _OFFICE_DOCUMENT and rel.get("TargetMode") != "External":
            target = _resolve("", rel.get("Target") or "")
            if target in roots:
                return target
            found.add("_rels/.rels", f"the presentation part '{target}' is missing")
            return None
    found.add("_rels/.rels", "it names no presentation part (ppt/presentation.xml)")
    return None

