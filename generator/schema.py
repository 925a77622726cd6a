"""JSON Schemas of the content files, generated from the models the loader validates with.

``deck schema`` writes them to ``content/schema/``; each YAML file names its schema in a
``# yaml-language-server: $schema=...`` first line, so editors with the YAML language server
(VS Code, JetBrains, Neovim...) complete keys and underline mistakes before any build.
Being generated from ``generator.model``, the schemas cannot drift from the loader.
"""

from __future__ import annotations

import json
from pathlib import Path

from pydantic import TypeAdapter

from .errors import DeckError, display_path
from .limits import MAX_YAML_BYTES
from .load.paths import safe_read_bytes
from .model import DeckFile, FigureEntry, Rule

from .kinds import Slide
from .output.writer import write_atomic

DRAFT = "https://json-schema.org/draft/2020-12/schema"
SCHEMA_DIR = "schema"
MODELINE = "# yaml-language-server: $schema={}"


def slide_schema() -> dict:
    schema = TypeAdapter(Slide).json_schema()
    return {"$schema": DRAFT, "title": "A slide of the deck (content/slides/NN-id.yaml)", **schema}


def deck_schema() -> dict:
    return {"$schema": DRAFT, "title": "The deck (content/deck.yaml)", **DeckFile.model_json_schema()}


def figures_schema() -> dict:
    """Groups of figures nested to any depth, plus the list of rules."""
    entry = FigureEntry.model_json_schema()
    rule = Rule.model_json_schema()
    definitions = {**entry.pop("$defs", {}), **rule.pop("$defs", {}), "FigureEntry": entry, "Rule": rule,
                   "Group": {"type": "object", "description": "Figures, or groups of figures, by key.",
                             "additionalProperties": {"anyOf": [{"$ref": "#/$defs/FigureEntry"},
                                                                {"$ref": "#/$defs/Group"}]}}}
    # YAML gives numbers as numbers; pydantic's Decimal would also admit strings
    definitions["FigureEntry"]["properties"]["value"] = {
        "anyOf": [{"type": "number"}, {"type": "null"}], "default": None, "title": "Value",
        "description": "The number; leave it out when the source does not give one."}
    # a figure entry is recognised by its keys: a group has none of them
    definitions["FigureEntry"]["minProperties"] = 1
    definitions["Group"]["propertyNames"] = {"not": {"enum": sorted(FigureEntry.model_fields)}}
    return {"$schema": DRAFT, "title": "Figures (content/figures.yaml)", "type": "object",
            "properties": {"rules": {"type": "array", "items": {"$ref": "#/$defs/Rule"}}},
            "additionalProperties": {"$ref": "#/$defs/Group"}, "$defs": definitions}


SCHEMAS = {"slide.schema.json": slide_schema, "deck.schema.json": deck_schema,
           "figures.schema.json": figures_schema}


def schema_texts() -> dict[str, str]:
    return {name: json.dumps(make(), indent=2, ensure_ascii=False, sort_keys=True) + "\n"
            for name, make in SCHEMAS.items()}


def write_schemas(folder: Path) -> list[Path]:
    paths = []
    for name, text in schema_texts().items():
        path = Path(folder) / name
        write_atomic(path, text.encode("utf-8"))
        paths.append(path)
    return paths


def schema_for(path: Path, content_dir: Path) -> str | None:
    """The modeline target for a content file, relative to that file."""
    path, content_dir = Path(path), Path(content_dir)
    if path == content_dir / "deck.yaml":
        return f"{SCHEMA_DIR}/deck.schema.json"
    if path == content_dir / "figures.yaml":
        return f"{SCHEMA_DIR}/figures.schema.json"
    if path.parent == content_dir / "slides":
        return f"../{SCHEMA_DIR}/slide.schema.json"
    return None


def _read_text(path: Path, content_dir: Path) -> str:
    """A content file's text, read as the loader reads it: a regular file inside content/, size-limited."""
    try:
        return safe_read_bytes(path, content_dir, MAX_YAML_BYTES).decode("utf-8")
    except UnicodeDecodeError as exc:
        raise DeckError(f"{display_path(path)}: not UTF-8 text (byte {exc.start})") from None


def add_modelines(content_dir: Path) -> list[Path]:
    """Give every content YAML file its schema modeline as first line (once)."""
    content_dir = Path(content_dir)
    changed = []
    for path in [content_dir / "deck.yaml", content_dir / "figures.yaml",
                 *sorted((content_dir / "slides").glob("*.yaml"))]:
        target = schema_for(path, content_dir)
        text = _read_text(path, content_dir)
        line = MODELINE.format(target)
        if text.startswith("# yaml-language-server:"):
            first, _, rest = text.partition("\n")
            if first == line:
                continue
            text = rest
        write_atomic(path, (line + "\n" + text).encode("utf-8"))
        changed.append(path)
    return changed
