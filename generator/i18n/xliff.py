"""XLIFF exchange for CAT tools, through translate-toolkit's storage classes.

Each trans-unit's ``id`` and ``resname`` carry the msgctxt (slide id and field), which
translate-toolkit's plain po2xliff drops; that is what lets an import find its message.
"""

from __future__ import annotations

import io
from pathlib import Path

from ..errors import ContentError, DeckError, Problem, display_path
from ..localize.translations import catalog_path, load_catalog
from ..output.writer import write_atomic
from .catalogs import write_catalog


def export_xliff(content_dir: Path, tag: str, out_path: Path) -> int:
    """Write the locale's catalog as XLIFF; return the number of units."""
    from translate.storage import xliff

    catalog = _catalog(content_dir, tag)
    store = xliff.xlifffile(sourcelanguage="en", targetlanguage=tag)
    count = 0
    for message in catalog:
        if not message.id:
            continue
        unit = store.addsourceunit(message.id)
        unit.setid(message.context)
        unit.xmlelement.set("resname", message.context)
        if message.string:
            unit.target = message.string
        unit.markfuzzy(bool(message.fuzzy or not message.string))
        unit.markapproved(bool(message.string and not message.fuzzy))
        for comment in message.auto_comments:
            unit.addnote(comment, origin="developer")
        for filename, line in message.locations:
            unit.addlocation(f"{filename}:{line}")
        count += 1
    output = io.BytesIO()
    store.serialize(output)
    write_atomic(out_path, output.getvalue())
    return count


def import_xliff(content_dir: Path, tag: str, xliff_path: Path) -> int:
    """Take the translations of an XLIFF file into the locale's catalog; return how many changed."""
    from translate.storage import xliff

    catalog = _catalog(content_dir, tag)
    try:
        store = xliff.xlifffile.parsefile(str(xliff_path))
    except OSError as exc:
        raise DeckError(f"{display_path(xliff_path)}: cannot read: {exc.strerror}") from None
    except Exception as exc:  # lxml and translate-toolkit raise several types for bad XML
        raise ContentError([Problem(display_path(xliff_path), None, None,
                                    f"not a valid XLIFF file ({type(exc).__name__}: {exc})")]) from None
    language = (store.gettargetlanguage() or "").replace("_", "-")
    if language and language.lower() != tag.lower():
        raise ContentError([Problem(display_path(xliff_path), None, None,
                                    f"this XLIFF file is for '{language}', not '{tag}'",
                                    f"import it with --locale {language}")])
    by_context = {message.context: message for message in catalog if message.id}
    changed = 0
    for unit in store.units:
        context = unit.xmlelement.get("resname") or unit.getid().split("\x04")[-1]
        target = by_context.get(context)
        if target is None or target.id != unit.source or not unit.target:
            continue
        fuzzy = unit.isfuzzy() or not unit.isapproved()
        if target.string != unit.target or bool(target.fuzzy) != fuzzy:
            target.string = str(unit.target)
            if fuzzy:
                target.flags.add("fuzzy")
            else:
                target.flags.discard("fuzzy")
                target.previous_id = ()
            changed += 1
    write_catalog(catalog, catalog_path(content_dir, tag))
    return changed


def _catalog(content_dir: Path, tag: str):
    catalog = load_catalog(catalog_path(content_dir, tag))
    if catalog is None:
        raise DeckError(f"{display_path(catalog_path(content_dir, tag))}: no catalog for '{tag}'; "
                        "run 'deck i18n update' first")
    return catalog
