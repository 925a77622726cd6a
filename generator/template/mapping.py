"""``mapping.yaml``: how the generator uses one template folder's .pptx.

The format::

    template: template.pptx            # relative to the template folder
    layouts:                           # role -> layout name + placeholder idx per slot
      content: {name: "Title and Content", title: 0, body: 1}
      section: {name: "Title Only", title: 0, body: draw}   # draw: no placeholder, a text box
    kinds:                             # slide kind -> role
      bullets: content
    colors: {primary: "1F3A5F", accent: ..., secondary: ..., text: ..., muted: ...,
             light: ..., background: ..., chart: [...]}     # optional, each: the theme's
    fonts: {latin: Arial, japanese: Noto Sans CJK JP, ...}    # a font per script, see ``Fonts``
    measure_fonts: {Arial: Liberation Sans}    # optional: ``generator.layout.fonts.METRIC_TWINS``
    sizes: {title: {max: 30, min: 20}, ...}
    footer: {text: "...", slide_number: true}

``load_mapping`` validates the whole file at once and raises one ``ContentError`` listing
every problem with its file:line:col. Theme first: a colour or the latin font the mapping
does not name comes from the .pptx's theme (``generator.template.theme``); the mapping only
overrides. The .pptx is read within its limits and its parts checked
(``oxml.package_limits``, ``oxml.package_check``); ``Template.open`` opens those checked
parts, never the file again. ``contract.check_contract`` compares the mapping with the real
layouts.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pptx import Presentation
from pptx.dml.color import RGBColor
from pydantic import BaseModel, ConfigDict, Field, PrivateAttr, ValidationError, field_validator, model_validator

from ..errors import ContentError, Problem, did_you_mean, display_path
from ..kinds import SLIDE_CLASSES
from ..load.yaml_source import Positions, read_yaml
from ..oxml.package_check import check_template
from ..oxml.package_limits import PackageError, read_package, read_package_file, stored_zip
from ..oxml.theme import Theme, read_theme
from .theme import theme_colors, theme_latin_font

MAPPING_FILE = "mapping.yaml"
HEX = re.compile(r"^#?[0-9A-Fa-f]{6}$")
# Text roles every mapping sizes; the layout stage fits text between min and max.
SIZE_ROLES = ("title", "subtitle", "body", "caption", "label", "big_number")


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True)


def _hex(value: str) -> str:
    if not HEX.match(value):
        raise ValueError(f"'{value}' is not a colour: write six hex digits RRGGBB, e.g. \"1F3A5F\"")
    return value.lstrip("#").upper()


_SAVE_AS_PPTX = "save the template from PowerPoint or LibreOffice as a .pptx presentation (not .ppt, .potx or .pdf)"

DRAW = "draw"     # a slot's value when the layout has no placeholder for it: the renderer draws a text box


class LayoutSlots(_Strict):
    """One layout role: the layout's name, the placeholder idx of each slot, the slots drawn as text boxes."""

    name: str = Field(min_length=1)
    slots: dict[str, int] = Field(default_factory=dict)
    drawn: list[str] = Field(default_factory=list)

    def idx(self, slot: str) -> int | None:
        return self.slots.get(slot)


class Colors(_Strict):
    """The mapping's colours; one it leaves out (None) is the theme's, see ``generator.template.theme``."""

    primary: str | None = None
    accent: str | None = None
    secondary: str | None = None
    text: str | None = None
    muted: str | None = None
    light: str | None = Field(default=None, description="Pale fill for boxes.")
    background: str | None = None
    chart: list[str] | None = Field(default=None, min_length=1, description="Series/point colours in order.")

    @field_validator("primary", "accent", "secondary", "text", "muted", "light", "background")
    @classmethod
    def _one(cls, value: str) -> str:
        return _hex(value)

    @field_validator("chart")
    @classmethod
    def _many(cls, values: list[str]) -> list[str]:
        return [_hex(v) for v in values]

    def with_theme(self, theme: Theme) -> "Colors":
        """These colours, the theme's in place of those left out."""
        colors, (chart, _) = theme_colors(theme)
        from_theme = {name: value for name, (value, _) in colors.items()}
        return self.model_copy(update={**from_theme, "chart": chart, **self.model_dump(exclude_none=True)})


def _font(description: str):
    return Field(default=None, min_length=1, description=description)


class Fonts(_Strict):
    """The font of each script. ``latin`` defaults to the theme's body (minor) Latin font;
    ``generator.layout.fonts`` fills in the others (Cyrillic and Greek: the latin font; the
    rest: Noto families).

    The deck's language picks the face of its own script, whatever the characters (Han
    unification): a Japanese deck draws every Han and Kana character in ``japanese``.
    """

    latin: str | None = _font("Default: the theme's body (minor) Latin font.")
    cyrillic: str | None = _font("Default: the latin font.")
    greek: str | None = _font("Default: the latin font.")
    arabic: str | None = _font("Default: Noto Sans Arabic. Also the a:cs face of languages without a complex script.")
    hebrew: str | None = _font("Default: Noto Sans Hebrew.")
    devanagari: str | None = _font("Default: Noto Sans Devanagari.")
    thai: str | None = _font("Default: Noto Sans Thai.")
    japanese: str | None = _font("Default: Noto Sans CJK JP.")
    korean: str | None = _font("Default: Noto Sans CJK KR.")
    chinese_simplified: str | None = _font("Default: Noto Sans CJK SC.")
    chinese_traditional: str | None = _font("Default: Noto Sans CJK TC.")
    east_asian: str | None = _font("The a:ea face of languages not written in Han, Kana or Hangul. "
                                   "Default: the chinese_simplified font.")
    complex: str | None = _font("The older name of arabic.")

    @model_validator(mode="after")
    def _one_arabic_font(self) -> "Fonts":
        if self.complex and self.arabic and self.complex != self.arabic:
            raise ValueError(f"complex ('{self.complex}') and arabic ('{self.arabic}') both name the Arabic "
                             "font: keep arabic")
        return self

    def named(self) -> dict[str, str]:
        """The fonts the mapping names, by key."""
        return self.model_dump(exclude_none=True)

    def with_theme(self, theme: Theme) -> "Fonts":
        """These fonts, with the theme's Latin font when ``latin`` is left out."""
        if self.latin:
            return self
        return self.model_copy(update={"latin": theme_latin_font(theme)[0]})


class SizeRange(_Strict):
    max: float = Field(gt=0, le=400)
    min: float = Field(gt=0, le=400)

    @model_validator(mode="after")
    def _ordered(self) -> "SizeRange":
        if self.min > self.max:
            raise ValueError(f"min ({self.min:g}) is larger than max ({self.max:g})")
        return self


class Footer(_Strict):
    text: str = ""
    slide_number: bool = True


class TemplateMapping(_Strict):
    """The validated ``mapping.yaml``."""

    template: str = "template.pptx"
    layouts: dict[str, LayoutSlots]
    kinds: dict[str, str] = Field(default_factory=dict)   # overrides of each kind's own layout_role
    colors: Colors = Field(default_factory=Colors)
    fonts: Fonts = Field(default_factory=Fonts)
    measure_fonts: dict[str, str] = Field(default_factory=dict)
    sizes: dict[str, SizeRange]
    footer: Footer = Field(default_factory=Footer)

    _positions: Positions | None = PrivateAttr(default=None)

    # -- helpers -------------------------------------------------------------------
    def role_for_kind(self, kind: str) -> str:
        """The layout role a slide kind uses: the mapping's ``kinds:``, else the kind's own ``layout_role``."""
        if kind in self.kinds:
            return self.kinds[kind]
        try:
            return SLIDE_CLASSES[kind].layout_role
        except KeyError:
            raise ContentError([self._problem(
                ("kinds",), f"slide kind '{kind}' has no layout role in the mapping",
                f"add '{kind}: <role>' under kinds; roles: {', '.join(sorted(self.layouts))}")]) from None

    def layout(self, role: str) -> LayoutSlots:
        try:
            return self.layouts[role]
        except KeyError:
            raise ContentError([self._problem(("layouts",), f"no layout role '{role}' in the mapping",
                                              did_you_mean(role, self.layouts, "roles"))]) from None

    def layout_for_kind(self, kind: str) -> LayoutSlots:
        return self.layout(self.role_for_kind(kind))

    def color(self, name: str) -> RGBColor:
        """A named colour (primary, accent, secondary, text, muted, light, background)."""
        names = [n for n in Colors.model_fields if n != "chart"]
        if name not in names:
            raise ContentError([self._problem(("colors",), f"unknown colour name '{name}'",
                                              did_you_mean(name, names, "colours"))])
        return RGBColor.from_string(getattr(self.colors, name))

    def chart_colors(self) -> list[RGBColor]:
        return [RGBColor.from_string(c) for c in self.colors.chart]

    def size(self, role: str) -> tuple[float, float]:
        """``(max_pt, min_pt)`` for a text role."""
        try:
            entry = self.sizes[role]
        except KeyError:
            raise ContentError([self._problem(("sizes",), f"no text size for role '{role}'",
                                              did_you_mean(role, self.sizes, "size roles"))]) from None
        return entry.max, entry.min

    def _problem(self, path: tuple, message: str, hint: str | None = None) -> Problem:
        if self._positions is not None:
            return self._positions.problem(path, message, hint)
        return Problem(MAPPING_FILE, None, None, message, hint)


@dataclass
class Template:
    """A loaded template folder."""

    dir: Path
    pptx_path: Path
    mapping: TemplateMapping
    positions: Positions
    package: bytes = field(default=b"", repr=False)     # the checked parts of pptx_path, as a zip

    def open(self):
        """A fresh ``pptx.Presentation`` of the template: the parts that were checked, never the file again."""
        return _presentation(self.package or checked_package(self.pptx_path), self.pptx_path)

    @property
    def mapping_path(self) -> Path:
        return self.positions.file

    def problem(self, path: tuple, message: str, hint: str | None = None) -> Problem:
        """A problem pointing at ``path`` inside mapping.yaml."""
        return self.positions.problem(path, message, hint)


# --------------------------------------------------------------------------- loading
def load_mapping(template_dir: Path) -> Template:
    """Read, validate and resolve ``template_dir/mapping.yaml``; raise ``ContentError`` on any problem."""
    template_dir = Path(template_dir)
    if not template_dir.is_dir():
        raise ContentError([Problem(display_path(template_dir), None, None, "the template folder does not exist",
                                    "point the deck's 'template' at a folder holding mapping.yaml and the .pptx")])
    mapping_path = template_dir / MAPPING_FILE
    if not mapping_path.is_file():
        raise ContentError([Problem(display_path(mapping_path), None, None, "no mapping.yaml in the template folder",
                                    "a template folder holds the .pptx and a mapping.yaml; see "
                                    "templates/corporate/mapping.yaml for the format")])
    data, positions = read_yaml(mapping_path)
    mapping = validate_mapping(data, positions)
    pptx_path = _resolve_pptx(template_dir, mapping.template, positions)
    package = checked_package(pptx_path)
    theme = read_theme(_presentation(package, pptx_path))
    mapping.colors = mapping.colors.with_theme(theme)
    mapping.fonts = mapping.fonts.with_theme(theme)
    return Template(dir=template_dir, pptx_path=pptx_path, mapping=mapping, positions=positions, package=package)


def validate_mapping(data: Any, positions: Positions) -> TemplateMapping:
    """The mapping of ``data`` (read from ``positions.file``), or ``ContentError`` listing every problem."""
    if not isinstance(data, dict):
        raise ContentError([positions.problem((), "mapping.yaml must be a mapping of keys "
                                                  "(template, layouts, kinds, colors, fonts, sizes, ...)")])
    problems: list[Problem] = []
    data = dict(data)
    if isinstance(data.get("layouts"), dict):
        data["layouts"] = _layouts(data["layouts"], positions, problems)
    mapping = None
    try:
        mapping = TemplateMapping.model_validate(data)
    except ValidationError as exc:
        problems.extend(_pydantic_problems(exc, data, positions))
    if mapping is not None:
        problems.extend(_cross_checks(mapping, positions))
    elif isinstance(data.get("kinds"), dict) and isinstance(data.get("layouts"), dict):
        problems.extend(_role_checks(data["kinds"], data["layouts"], positions))
    if problems:
        raise ContentError(problems)
    mapping._positions = positions
    return mapping


def _layouts(raw: dict, positions: Positions, problems: list[Problem]) -> dict:
    """Layout entries by hand: ``name`` plus free slot keys whose values are placeholder idx or ``draw``."""
    result = {}
    for role, entry in raw.items():
        path = ("layouts", role)
        if not isinstance(entry, dict):
            problems.append(positions.problem(path, f"layout role '{role}' must be a mapping with a name",
                                              f'e.g. {role}: {{name: "Title and Content", title: 0, body: 1}}'))
            continue
        name = entry.get("name")
        if not isinstance(name, str) or not name.strip():
            problems.append(positions.problem(path + (("name",) if "name" in entry else ()),
                                              f"layout role '{role}' needs a 'name': the layout's name in the .pptx",
                                              "list the layouts with describe_template (generator.template.inspect)"))
        slots, drawn = {}, []
        for slot, idx in entry.items():
            if slot == "name":
                continue
            if not isinstance(slot, str):
                problems.append(positions.problem(path, f"slot name {slot!r} must be a word"))
            elif idx == DRAW:
                drawn.append(slot)
            elif isinstance(idx, bool) or not isinstance(idx, int) or idx < 0:
                problems.append(positions.problem(
                    path + (slot,), f"slot '{slot}' of layout role '{role}' must be a placeholder idx "
                                    f"(a whole number) or '{DRAW}', not {idx!r}",
                    f"placeholder idx values are listed by describe_template; '{DRAW}' draws a text box instead"))
            else:
                slots[slot] = idx
        if not (isinstance(name, str) and name.strip()):
            name = "?"
        result[role] = LayoutSlots(name=name, slots=slots, drawn=drawn)
    return result


def _fields_at(loc: tuple) -> list[str] | None:
    """The keys the model expects at ``loc`` (without the offending key), for did-you-mean."""
    shape = {
        (): TemplateMapping, ("colors",): Colors, ("fonts",): Fonts, ("footer",): Footer,
    }
    if loc in shape:
        return list(shape[loc].model_fields)
    if len(loc) == 2 and loc[0] == "sizes":
        return list(SizeRange.model_fields)
    return None


def _pydantic_problems(exc: ValidationError, data: dict, positions: Positions) -> list[Problem]:
    problems = []
    for error in exc.errors():
        loc = tuple(error["loc"])
        kind = error["type"]
        if loc and loc[0] == "layouts" and len(loc) > 1:
            continue  # checked by hand in _layouts
        where = ".".join(str(part) for part in loc) or "mapping.yaml"
        hint = None
        if kind == "missing":
            message = f"'{where}' is missing"
            hint = _missing_hint(loc)
        elif kind == "extra_forbidden":
            message = f"unknown key '{where}'"
            known = _fields_at(loc[:-1])
            if known:
                hint = did_you_mean(loc[-1], known, "keys")
        elif loc and loc[0] == "colors" and kind in ("string_type", "value_error"):
            message = f"'{where}': " + (error["msg"].removeprefix("Value error, ") if kind == "value_error"
                                         else "a colour must be text")
            hint = 'write colours in quotes as six hex digits, e.g. "1F3A5F"'
        else:
            message = f"'{where}': {error['msg'].removeprefix('Value error, ')}"
        problems.append(positions.problem(loc, message, hint))
    return problems


def _missing_hint(loc: tuple) -> str | None:
    if len(loc) == 3 and loc[0] == "sizes":
        return "each size role needs max and min in points"
    if loc == ("kinds",):
        return "kinds maps each slide kind to a layout role, e.g. 'bullets: content'"
    if loc == ("layouts",):
        return "layouts maps each role to a layout name and placeholder idx per slot"
    return None


def _cross_checks(mapping: TemplateMapping, positions: Positions) -> list[Problem]:
    problems = _role_checks(mapping.kinds, mapping.layouts, positions)
    for role in SIZE_ROLES:
        if role not in mapping.sizes:
            problems.append(positions.problem(("sizes",), f"no text size for role '{role}'",
                                              f"add '{role}: {{max: ..., min: ...}}' under sizes"))
    for role in mapping.sizes:
        if role not in SIZE_ROLES:
            problems.append(positions.problem(("sizes", role), f"unknown text size role '{role}'",
                                              did_you_mean(role, SIZE_ROLES, "size roles")))
    return problems


def _role_checks(kinds: dict, layouts: dict, positions: Positions) -> list[Problem]:
    problems = []
    for kind, role in kinds.items():
        if isinstance(role, str) and role not in layouts:
            problems.append(positions.problem(
                ("kinds", kind), f"slide kind '{kind}' uses layout role '{role}', which is not under layouts",
                did_you_mean(role, layouts, "roles")))
    return problems


def _resolve_pptx(template_dir: Path, name: str, positions: Positions) -> Path:
    """The .pptx named by ``template:``; it must be a file inside the template folder."""
    where = ("template",)
    candidate = Path(name)
    if not name.strip() or candidate.is_absolute() or ".." in candidate.parts:
        raise ContentError([positions.problem(where, f"template '{name}' must be a file inside the template folder",
                                              "write a relative path without '..', e.g. template.pptx")])
    path = template_dir / candidate
    if not path.exists():
        pptx = sorted(p.name for p in template_dir.glob("*.pptx"))
        hint = did_you_mean(name, pptx, "files") if pptx else "no .pptx file is in the template folder"
        raise ContentError([positions.problem(where, f"template file '{name}' not found in "
                                                     f"{display_path(template_dir)}", hint)])
    try:
        path.resolve().relative_to(template_dir.resolve())
    except ValueError:
        raise ContentError([positions.problem(where, f"template '{name}' links to a place outside "
                                                     f"{display_path(template_dir)}",
                                              "copy the .pptx into the template folder instead of linking it")]) \
            from None
    if not path.is_file():
        raise ContentError([positions.problem(where, f"template '{name}' is not a file")])
    return path


def checked_package(path: Path) -> bytes:
    """The parts of the .pptx at ``path`` as a zip, once they are read within the limits and checked."""
    return stored_zip(checked_entries(path))


def checked_entries(path: Path, data: bytes | None = None) -> dict[str, bytes]:
    """Every entry of the .pptx at ``path`` (whose bytes ``data`` are, when read already), read within
    the limits and checked (``oxml.package_check``).

    Raises ``ContentError`` naming the file (and the part, the entry or the limit) otherwise.
    """
    path = Path(path)
    shown = display_path(path)
    try:
        entries = read_package(read_template_file(path) if data is None else data, shown)
    except PackageError as exc:
        raise ContentError([Problem(shown, None, None, str(exc).removeprefix(f"{shown}: "),
                                    _SAVE_AS_PPTX if exc.not_a_zip else None)]) from None
    check_template(entries, shown)
    return entries


def read_template_file(path: Path) -> bytes:
    """The bytes of the template file at ``path``, within the file size limit; ``ContentError`` otherwise."""
    shown = display_path(path)
    if not Path(path).is_file():
        raise ContentError([Problem(shown, None, None, "the template file does not exist", _SAVE_AS_PPTX)])
    try:
        return read_package_file(path)
    except PackageError as exc:
        raise ContentError([Problem(shown, None, None, str(exc).removeprefix(f"{shown}: "))]) from None


def open_presentation(path: Path):
    """Open a .pptx with python-pptx once it passed ``checked_package``; a bad file gives ``ContentError``."""
    return _presentation(checked_package(path), path)


def presentation_of(entries: dict[str, bytes], path: Path):
    """A ``pptx.Presentation`` of ``checked_entries(path)``."""
    return _presentation(stored_zip(entries), path)


def _presentation(package: bytes, path: Path):
    try:
        return Presentation(io.BytesIO(package))
    except Exception as exc:  # python-pptx raises KeyError, ValueError, lxml errors, ...
        detail = str(exc).strip() or type(exc).__name__
        raise ContentError([Problem(display_path(path), None, None,
                                    f"cannot open as a .pptx presentation: {detail}", _SAVE_AS_PPTX)]) from None
