"""The content model: plain typed data, validated by pydantic, with no PowerPoint in it.

Every slide file is one ``Slide`` subclass chosen by its ``kind``. Strings typed ``Text`` are
what an audience reads: they are Jinja templates over the figures, extracted for translators
and rendered per locale. Other strings (ids, URLs, figure keys) are never translated.
An unset optional field means "inherit from the template".
"""

from __future__ import annotations

import typing
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Annotated, ClassVar, Literal, Union

from pydantic import BaseModel, ConfigDict, Field, PrivateAttr, field_validator

from .build_context import process_cache


class Translatable:
    """Marks a string field as text the audience reads (extracted, translated, rendered)."""

    def __repr__(self) -> str:
        return "Translatable()"


Text = Annotated[str, Translatable(), Field(min_length=1, max_length=2000)]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


# ---------------------------------------------------------------- shared parts

class BulletItem(Strict):
    """A bullet with sub-bullets."""

    text: Text
    items: list[Union[Text, "BulletItem"]] = Field(default_factory=list)


Bullet = Union[Text, BulletItem]


def bullet_lines(items: list[Bullet], level: int = 0) -> list[tuple[str, int]]:
    """Flatten nested bullets into (text, level) pairs in reading order."""
    lines: list[tuple[str, int]] = []
    for item in items:
        if isinstance(item, str):
            lines.append((item, level))
        else:
            lines.append((item.text, level))
            lines.extend(bullet_lines(item.items, level + 1))
    return lines


# ---------------------------------------------------------------- slide kinds

class SlideBase(Strict):
    #: The layout role a kind uses when the template mapping's ``kinds:`` does not name one.
    layout_role: ClassVar[str] = "title_only"

    kind: str
    title: Text
    notes: Text = Field(description="What the presenter says: two to four sentences.")
    layout: str | None = Field(None, description="A layout role of the mapping to use instead of the kind's own.")

    _id: str = PrivateAttr("")
    _source: Path | None = PrivateAttr(None)

    @property
    def id(self) -> str:
        return self._id

    @property
    def source(self) -> Path | None:
        return self._source


class FigureTile(Strict):
    label: Text
    value: Text = Field(description="Jinja text over the figures, e.g. '{{ iec.tc | number }}'.")


# ---------------------------------------------------------------- deck and figures

class DeckFile(Strict):
    """``content/deck.yaml``."""

    id: str = Field(pattern=r"^[a-z0-9][a-z0-9-]*$")
    title: Text
    subject: Text | None = None
    author: str = "ISO/IEC/CASCO deck generator"
    source_language: str = "en"
    locales: list[str] = Field(default_factory=list, description="BCP 47 tags CLDR knows: de, pt-BR, zh-Hant.")
    regions: dict[str, str] = Field(default_factory=dict, description=(
        "The region a locale's text is marked with where it is not CLDR's likely one, e.g. en: GB."))
    template: str = Field(description="Template directory, relative to the project directory.")
    slides: list[str] = Field(min_length=1, description="Slide ids in showing order.")


Qualifier = Literal["approx", "over", "more_than", "almost", "at_least", "plus"]


class FigureEntry(Strict):
    """One number in ``content/figures.yaml``."""

    value: int | Decimal | None = None
    expr: str | None = Field(None, description="Derived: arithmetic over other figure keys.")

    @field_validator("value", mode="before")
    @classmethod
    def _not_a_boolean(cls, value):
        if isinstance(value, bool):
            raise ValueError("is not a number (YAML reads yes/no/true/false as a yes-or-no value)")
        return value
    unit: str | None = None
    qualifier: Qualifier | None = None
    source: str | None = Field(None, pattern=r"^https?://\S+$")
    as_of: date | None = None
    note: str | None = None


class Rule(Strict):
    name: str
    check: str = Field(description="A comparison over figure keys, e.g. 'casco.national == iso.members'.")


class Deck(BaseModel):
    """The whole validated deck: what the localize stage receives."""

    model_config = ConfigDict(arbitrary_types_allowed=True)

    meta: DeckFile
    slides: list[SlideBase]
    figures: typing.Any  # generator.load.figures.FigureTable
    content_dir: Path
    project_dir: Path
    figure_usage: dict[str, list[str]] = Field(default_factory=dict)   # figure key -> slide ids


# ---------------------------------------------------------------- walking the text of a model

def _is_text(annotation) -> bool:
    return typing.get_origin(annotation) is Annotated and any(
        isinstance(m, Translatable) for m in typing.get_args(annotation)[1:])


def _text_allowed(annotation) -> bool:
    """Does this annotation admit a Text string (directly, optionally or in a union)?"""
    found = _TEXT_ALLOWED.get(id(annotation))
    if found is not None and found[0] is annotation:
        return found[1]
    result = _text_allowed_uncached(annotation)
    _TEXT_ALLOWED[id(annotation)] = (annotation, result)     # keeps the annotation alive: its id stays its own
    return result


def _text_allowed_uncached(annotation) -> bool:
    if _is_text(annotation):
        return True
    if typing.get_origin(annotation) in (Union, getattr(__import__("types"), "UnionType", Union)):
        return any(_text_allowed(a) for a in typing.get_args(annotation))
    return False


def _field_annotation(info):
    """The field's annotation with pydantic's stripped metadata put back."""
    if any(isinstance(m, Translatable) for m in info.metadata):
        return Annotated[info.annotation, Translatable()]
    return info.annotation


# Walking every text of every slide asks the same questions of the same few classes:
# the answers are computed once per process (typing's introspection is slow; classes do not change).
_TEXT_ALLOWED: dict[int, tuple] = process_cache({})
_FIELDS: dict[type, tuple] = process_cache({})
_ITEM_TYPES: dict[int, tuple] = process_cache({})


def _fields(cls) -> tuple:
    """``(name, path key, annotation)`` per field of a model class, and the same with ``notes`` last."""
    found = _FIELDS.get(cls)
    if found is None:
        fields = [(name, info.alias or name, _field_annotation(info)) for name, info in cls.model_fields.items()]
        found = _FIELDS[cls] = (fields, sorted(fields, key=lambda item: item[0] == "notes"))
    return found


def _item_type(annotation):
    """The item type of a ``list[...]`` annotation (None when it has none)."""
    found = _ITEM_TYPES.get(id(annotation))
    if found is None or found[0] is not annotation:
        args = typing.get_args(annotation)
        found = _ITEM_TYPES[id(annotation)] = (annotation, args[0] if args else None)
    return found[1]


def iter_texts(model: BaseModel, path: tuple = ()):
    """Yield ``(path, text)`` for every audience-facing string of a model, in reading order.

    A slide's speaker notes come last, after everything shown on the slide.
    """
    in_order, notes_last = _fields(type(model))
    for name, key, annotation in (in_order if path else notes_last):
        value = getattr(model, name)
        yield from _iter_value(value, annotation, path + (key,))


def _iter_value(value, annotation, path):
    if value is None:
        return
    if isinstance(value, str):
        if _text_allowed(annotation):
            yield path, value
    elif isinstance(value, BaseModel):
        yield from iter_texts(value, path)
    elif isinstance(value, list):
        item_type = _item_type(annotation)
        for i, item in enumerate(value):
            yield from _iter_value(item, item_type, path + (i,))


def replace_texts(model: BaseModel, render) -> BaseModel:
    """A copy of ``model`` with every audience-facing string ``s`` at ``path`` replaced by ``render(path, s)``."""
    updates = {}
    for name, key, annotation in _fields(type(model))[0]:
        value = getattr(model, name)
        updates[name] = _replace_value(value, annotation, (key,), render)
    copy = model.model_copy(update=updates)
    for attr in ("_id", "_source"):
        if hasattr(model, attr):
            setattr(copy, attr, getattr(model, attr))
    return copy


def _replace_value(value, annotation, path, render):
    if value is None:
        return None
    if isinstance(value, str):
        return render(path, value) if _text_allowed(annotation) else value
    if isinstance(value, BaseModel):
        copy = replace_texts(value, lambda p, s: render(path + p, s))
        return copy
    if isinstance(value, list):
        item_type = _item_type(annotation)
        return [_replace_value(item, item_type, path + (i,), render) for i, item in enumerate(value)]
    return value


def text_path(path: tuple) -> str:
    """A field path as translators see it in a msgctxt: ``columns.0.items.1``."""
    return ".".join(str(p) for p in path)
