"""``deck template init``: a template folder (``template.pptx`` + a commented ``mapping.yaml``) from any .pptx.

Layouts are recognised by their placeholders' types and geometry, never by their names, so a
template saved in any language maps the same way. Each layout role has a test that scores the
layouts of the first slide master (``_ROLE_TESTS``); the best one wins, the earlier layout on
a tie. A role no layout passes falls back to the Title Only (or Blank) layout with the missing
slots written as ``draw``: the renderer draws a text box where the placeholder would be.

Colours and the Latin font come from the theme (``generator.template.theme``), sizes are the
house template's ranges scaled to the slide height, and every value carries a comment saying
where it came from. ``init_template`` writes the folder; ``describe_guess`` is what the command
prints.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from ..errors import ContentError, Problem, display_path
from ..kinds import SLIDE_CLASSES
from ..layout.fonts import METRIC_TWINS, debian_package, is_installed
from ..oxml.theme import Theme, read_theme
from .inspect import EMU_PER_INCH, aspect_ratio
from .mapping import DRAW, MAPPING_FILE, SIZE_ROLES, checked_entries, open_presentation, presentation_of, \
    read_template_file
from .theme import theme_colors, theme_latin_font

TEMPLATE_FILE = "template.pptx"
ROLES = ("title", "content", "two_content", "section", "title_only", "blank")
FOOTER_KINDS = ("DATE", "FOOTER", "SLIDE_NUMBER")       # never count as a layout's content
TITLE_KINDS = ("CENTER_TITLE", "TITLE")
BODY_KINDS = ("BODY", "OBJECT")
EXTRA_PENALTY = 3       # per placeholder a role leaves unused: a layout made for something else

# The house template's text sizes (templates/corporate/mapping.yaml) for its 7.5 in high slide.
HOUSE_SLIDE_HEIGHT = 6858000
HOUSE_SIZES = {"title": (30, 20), "subtitle": (20, 14), "body": (26, 12), "caption": (14, 10),
               "label": (14, 8), "big_number": (40, 20)}
# Scripts the theme's Latin font does not cover: the fonts the house template names.
HOUSE_FONTS = {"east_asian": "Noto Sans CJK SC", "complex": "Noto Sans Arabic"}


# --------------------------------------------------------------------------- what a layout holds
@dataclass(frozen=True)
class Box:
    """One placeholder: its idx, type name and position as fractions of the slide's width and height."""

    idx: int
    kind: str
    x: float
    y: float
    w: float
    h: float

    @property
    def right(self) -> float:
        return self.x + self.w

    @property
    def middle(self) -> float:
        return self.y + self.h / 2

    def label(self) -> str:
        return f"idx {self.idx} ({self.kind})"


@dataclass
class LayoutShape:
    index: int
    name: str
    title: Box | None
    subtitle: Box | None
    bodies: list[Box]           # body and object placeholders, largest first
    others: list[Box]           # pictures, charts, tables, a second title, ...

    @property
    def count(self) -> int:
        """Placeholders that are not footers."""
        return (self.title is not None) + (self.subtitle is not None) + len(self.bodies) + len(self.others)


def _layout_shape(index: int, layout, width: int, height: int) -> LayoutShape:
    title = subtitle = None
    bodies, others = [], []
    for ph in sorted(layout.placeholders, key=lambda ph: ph.placeholder_format.idx):
        fmt = ph.placeholder_format
        kind = getattr(fmt.type, "name", str(fmt.type))
        if kind in FOOTER_KINDS:
            continue
        box = Box(fmt.idx, kind, (ph.left or 0) / width, (ph.top or 0) / height,
                  (ph.width or 0) / width, (ph.height or 0) / height)
        if kind in TITLE_KINDS and title is None:
            title = box
        elif kind == "SUBTITLE" and subtitle is None:
            subtitle = box
        elif kind in BODY_KINDS:
            bodies.append(box)
        else:
            others.append(box)
    bodies.sort(key=lambda box: -box.w * box.h)
    return LayoutShape(index, layout.name, title, subtitle, bodies, others)


# --------------------------------------------------------------------------- the role tests
@dataclass
class Candidate:
    layout: LayoutShape
    slots: dict[str, int | str]
    score: float
    reasons: list[str]


def _percent(value: float) -> str:
    return f"{round(value * 100)}%"


def _extras(layout: LayoutShape, used: int) -> tuple[float, list[str]]:
    unused = layout.count - used
    if unused <= 0:
        return 0, []
    return -EXTRA_PENALTY * unused, [f"{unused} other placeholder{'s' if unused > 1 else ''} left unused"]


def _wide_title_at_top(layout: LayoutShape) -> str | None:
    """Why the layout's title is not a content title (None when it is one)."""
    title = layout.title
    if title is None:
        return "no title"
    if title.w < 0.5:
        return f"the title is narrow ({_percent(title.w)} of the width)"
    if title.middle >= 0.3:
        return "the title is not at the top"
    return None


def _title_role(layout: LayoutShape) -> Candidate | None:
    if layout.title is None or layout.subtitle is None:
        return None
    score, reasons = 10.0, [f"title {layout.title.label()}", f"subtitle {layout.subtitle.label()}"]
    if layout.title.kind == "CENTER_TITLE":
        score += 2
        reasons[0] += ", a cover's centred title"
    penalty, why = _extras(layout, 2)
    return Candidate(layout, {"title": layout.title.idx, "subtitle": layout.subtitle.idx}, score + penalty,
                     reasons + why)


def _content_role(layout: LayoutShape) -> Candidate | None:
    if _wide_title_at_top(layout) or not layout.bodies:
        return None
    body = layout.bodies[0]
    if body.w < 0.6 or body.h < 0.4 or body.middle <= layout.title.middle:
        return None
    score = 10 + 3 * body.w + 3 * body.h + (1 if body.kind == "OBJECT" else 0)
    reasons = [f"title {layout.title.label()} at the top",
               f"body {body.label()} below it covers {_percent(body.w)} of the width, {_percent(body.h)} of the height"]
    penalty, why = _extras(layout, 2)
    return Candidate(layout, {"title": layout.title.idx, "body": body.idx}, score + penalty, reasons + why)


def _side_by_side(a: Box, b: Box) -> bool:
    """``a`` left of ``b``, level with it, both wide and tall enough for text, of similar widths."""
    overlap = min(a.y + a.h, b.y + b.h) - max(a.y, b.y)
    return (a.right <= b.x + 0.02 and overlap >= 0.5 * min(a.h, b.h) and min(a.w, b.w) >= 0.25
            and min(a.h, b.h) >= 0.3 and min(a.w, b.w) >= 0.75 * max(a.w, b.w))


def _two_content_role(layout: LayoutShape) -> Candidate | None:
    if _wide_title_at_top(layout):
        return None
    pairs = [(a, b) for a in layout.bodies for b in layout.bodies if a is not b and _side_by_side(a, b)]
    if not pairs:
        return None
    left, right = max(pairs, key=lambda pair: pair[0].w * pair[0].h + pair[1].w * pair[1].h)
    score = 10 + 3 * (left.w + right.w) + 3 * min(left.h, right.h)
    reasons = [f"title {layout.title.label()} at the top",
               f"left {left.label()} and right {right.label()} side by side, "
               f"{_percent(left.w)} and {_percent(right.w)} of the width"]
    penalty, why = _extras(layout, 3)
    return Candidate(layout, {"title": layout.title.idx, "left": left.idx, "right": right.idx}, score + penalty,
                     reasons + why)


def _section_role(layout: LayoutShape) -> Candidate | None:
    title = layout.title
    if title is None or title.w < 0.5 or title.middle < 0.3 or not layout.bodies:
        return None
    body = layout.bodies[0]
    if body.h >= 0.4 or body.w < 0.4:
        return None
    score = 10 + (1 if body.kind == "BODY" else 0)
    reasons = [f"title {title.label()} in the {'middle' if title.middle < 0.6 else 'lower part'} of the slide",
               f"a short body {body.label()}, {_percent(body.h)} of the height"]
    penalty, why = _extras(layout, 2)
    return Candidate(layout, {"title": title.idx, "body": body.idx}, score + penalty, reasons + why)


def _title_only_role(layout: LayoutShape) -> Candidate | None:
    if layout.title is None or layout.count != 1:
        return None
    at_top = layout.title.middle < 0.3
    reasons = [f"only a title, {layout.title.label()}" + (" at the top" if at_top else "")]
    return Candidate(layout, {"title": layout.title.idx}, 10.0 + (2 if at_top else 0), reasons)


def _blank_role(layout: LayoutShape) -> Candidate | None:
    if layout.title is not None:
        return None
    penalty, why = _extras(layout, 0)
    return Candidate(layout, {}, 10.0 + penalty, ["no title"] + why)


_ROLE_TESTS: dict[str, Callable[[LayoutShape], Candidate | None]] = {
    "title": _title_role, "content": _content_role, "two_content": _two_content_role,
    "section": _section_role, "title_only": _title_only_role, "blank": _blank_role,
}
# What a role's test looks for, said when no layout passes it.
_WANTED = {
    "title": "with a title and a subtitle",
    "content": "with a wide title at the top and one body covering most of the slide",
    "two_content": "with a wide title at the top and two bodies side by side",
    "section": "with a title in the middle or lower part and a short body",
    "title_only": "with a title and no other placeholder",
    "blank": "without a title",
}
# The slots a role needs; the ones a fallback layout lacks are drawn.
_SLOTS = {"title": ("title", "subtitle"), "content": ("title", "body"), "two_content": ("title", "left", "right"),
          "section": ("title", "body"), "title_only": ("title",), "blank": ()}


# --------------------------------------------------------------------------- the guess
@dataclass
class RoleGuess:
    role: str
    layout: str
    slots: dict[str, int | str]
    score: float | None             # None: a fallback
    reasons: list[str]

    @property
    def fallback(self) -> bool:
        return self.score is None

    @property
    def drawn(self) -> list[str]:
        return [slot for slot, value in self.slots.items() if value == DRAW]


@dataclass
class FontGuess:
    latin: str
    source: str                     # where ``latin`` came from
    twin: str | None                # the measuring twin written under measure_fonts
    note: str


@dataclass
class TemplateGuess:
    pptx_path: Path
    width: int
    height: int
    layout_count: int
    theme: Theme
    roles: dict[str, RoleGuess]
    colors: dict[str, tuple[str, str]]          # mapping colour -> (hex, where it came from)
    chart: tuple[list[str], str]
    font: FontGuess
    sizes: dict[str, tuple[float, float]]
    footer_text: bool
    slide_number: bool
    warnings: list[str] = field(default_factory=list)


def guess_mapping(pptx_path: Path) -> TemplateGuess:
    """What ``mapping.yaml`` should say for ``pptx_path``; ``ContentError`` when it is not a usable .pptx."""
    pptx_path = Path(pptx_path)
    return _guess(open_presentation(pptx_path), pptx_path)


def _guess(prs, pptx_path: Path) -> TemplateGuess:
    width, height = int(prs.slide_width or 0), int(prs.slide_height or 0)
    masters = list(prs.slide_masters)
    layouts = list(masters[0].slide_layouts) if masters else []
    if not layouts or not width or not height:
        raise ContentError([Problem(display_path(pptx_path), None, None, "the presentation has no slide layouts",
                                    "save a template with at least a Title Only or a Blank layout")])
    shapes = [_layout_shape(i, layout, width, height) for i, layout in enumerate(layouts)]
    roles = _guess_roles(shapes)
    theme = read_theme(prs)
    colors, chart = theme_colors(theme)
    font = _font(theme)
    kinds = {getattr(ph.placeholder_format.type, "name", "") for layout in layouts for ph in layout.placeholders}
    guess = TemplateGuess(pptx_path, width, height, len(layouts), theme, roles, colors, chart, font,
                          _sizes(height), "FOOTER" in kinds, "SLIDE_NUMBER" in kinds)
    guess.warnings = _warnings(guess)
    return guess


def _guess_roles(shapes: list[LayoutShape]) -> dict[str, RoleGuess]:
    found = {}
    for role, test in _ROLE_TESTS.items():
        candidates = [c for c in map(test, shapes) if c is not None]
        if candidates:
            best = max(candidates, key=lambda c: (c.score, -c.layout.index))
            found[role] = RoleGuess(role, best.layout.name, best.slots, round(best.score, 1), best.reasons)
    if "title_only" not in found:
        found["title_only"] = _title_only_fallback(shapes, found)
    if "blank" not in found:
        found["blank"] = _blank_fallback(shapes, found)
    base = found["title_only"]
    for role in ROLES:
        if role not in found:
            slots = {"title": base.slots["title"]}
            slots.update({slot: DRAW for slot in _SLOTS[role] if slot != "title"})
            drawn = [slot for slot in slots if slots[slot] == DRAW]
            found[role] = RoleGuess(role, base.layout, slots, None,
                                    [f"no layout {_WANTED[role]}: the title only layout, "
                                     f"{_drawn_phrase(drawn)}"])
    return {role: found[role] for role in ROLES}


def _drawn_phrase(slots: list[str]) -> str:
    return f"{', '.join(slots)} drawn as {'a text box' if len(slots) == 1 else 'text boxes'}"


def _title_only_fallback(shapes: list[LayoutShape], found: dict) -> RoleGuess:
    """The titled layout with the fewest other placeholders (they are removed from each slide), else Blank."""
    titled = [s for s in shapes if s.title is not None]
    if titled:
        layout = min(titled, key=lambda s: (s.count, s.title.middle >= 0.3, s.index))
        return RoleGuess("title_only", layout.name, {"title": layout.title.idx}, None,
                         [f"no layout {_WANTED['title_only']}: this one's title {layout.title.label()}; "
                          f"its other placeholders are left out of each slide"])
    blank = found.get("blank") or _blank_fallback(shapes, found)
    return RoleGuess("title_only", blank.layout, {"title": DRAW}, None,
                     ["no layout has a title: the blank layout, title drawn as a text box"])


def _blank_fallback(shapes: list[LayoutShape], found: dict) -> RoleGuess:
    """The layout with the fewest placeholders: a blank slide leaves them all out."""
    layout = min(shapes, key=lambda s: (s.count, s.index))
    return RoleGuess("blank", layout.name, {}, None,
                     [f"no layout {_WANTED['blank']}: the one with the fewest placeholders; "
                      "they are left out of each slide"])


def _font(theme: Theme) -> FontGuess:
    latin, source = theme_latin_font(theme)
    if is_installed(latin):
        return FontGuess(latin, source, None, f"{latin} is installed: text is measured with it")
    twin = METRIC_TWINS.get(latin)
    if twin is None:
        return FontGuess(latin, source, None, f"{latin} is not installed and has no known open metric twin")
    if is_installed(twin):
        return FontGuess(latin, source, twin, f"{latin} is measured with {twin}, its metric twin (installed)")
    return FontGuess(latin, source, twin, f"{latin} is measured with {twin}, its metric twin, "
                                          f"which is not installed")


def _sizes(height: int) -> dict[str, tuple[float, float]]:
    scale = height / HOUSE_SLIDE_HEIGHT
    sizes = {}
    for role in SIZE_ROLES:
        largest, smallest = HOUSE_SIZES[role]
        top = max(0.5, round(largest * scale * 2) / 2)
        sizes[role] = (top, min(top, max(0.5, round(smallest * scale * 2) / 2)))
    return sizes


def _warnings(guess: TemplateGuess) -> list[str]:
    warnings = []
    for role in guess.roles.values():
        if role.fallback:
            what = f"; {_drawn_phrase(role.drawn)}" if role.drawn else ""
            warnings.append(f"layout role '{role.role}': no layout {_WANTED[role.role]}; "
                            f"it uses \"{role.layout}\"{what}")
    font = guess.font
    if font.twin and not is_installed(font.twin):
        package = debian_package(font.twin) or "the package that provides it"
        warnings.append(f"font '{font.twin}' (the metric twin of the theme font {font.latin}) is not installed; "
                        f"install {package} (`apt-get install {package}`) before building")
    elif font.twin is None and not is_installed(font.latin):
        warnings.append(f"font '{font.latin}' (the theme font) is not installed and has no known metric twin; "
                        f"install it, or name an installed font of the same widths under measure_fonts "
                        f"in {MAPPING_FILE}")
    return warnings


# --------------------------------------------------------------------------- mapping.yaml
def _quoted(text: str) -> str:
    """A YAML double-quoted scalar (JSON's string syntax is YAML's)."""
    return json.dumps(text, ensure_ascii=False)


def _comment(text: str) -> str:
    return " ".join(str(text).split())


def _layout_line(role: RoleGuess) -> str:
    values = [f"name: {_quoted(role.layout)}"] + [f"{slot}: {value}" for slot, value in role.slots.items()]
    entry = f"  {role.role + ':':<13}{{{', '.join(values)}}}"
    if role.fallback:
        return f"{entry}\n    # fallback: {_comment('; '.join(role.reasons))}"
    return f"{entry}\n    # score {role.score:g}: {_comment('; '.join(role.reasons))}"


def mapping_yaml(guess: TemplateGuess) -> str:
    """The commented ``mapping.yaml`` text of ``guess``."""
    theme = f"theme \"{_comment(guess.theme.name)}\"" if guess.theme.name else "the theme"
    lines = [
        f"# Written by `deck template init` from {_comment(guess.pptx_path.name)}: check it, then edit freely.",
        "# Layouts were recognised by their placeholders' types and positions; colours and fonts",
        f"# come from {theme}; sizes are the house template's, scaled to this slide height.",
        f"# A slot written '{DRAW}' has no placeholder in its layout: the generator draws a text box there.",
        f"template: {TEMPLATE_FILE}",
        "layouts:                       # layout role -> layout name + placeholder idx per slot",
    ]
    lines += [_layout_line(role) for role in guess.roles.values()]
    lines += ["# kinds:                       # optional: another layout role for a slide kind, e.g.",
              "#   columns: two_content",
              "# Each kind's own role:"]
    defaults = [f"{kind}: {cls.layout_role}" for kind, cls in SLIDE_CLASSES.items()]
    lines += ["#   " + ", ".join(defaults[at:at + 6]) for at in range(0, len(defaults), 6)]
    lines.append("colors:                        # hex RRGGBB")
    for name, (value, source) in guess.colors.items():
        lines.append(f"  {name + ':':<12}{_quoted(value):<10}  # {source}")
    chart, source = guess.chart
    lines.append(f"  chart: [{', '.join(_quoted(c) for c in chart)}]   # {source}")
    font = guess.font
    lines += [
        "fonts:                         # written on every run: a:latin, a:ea, a:cs",
        f"  latin: {_quoted(font.latin)}   # {font.source}",
        f"  east_asian: {_quoted(HOUSE_FONTS['east_asian'])}   # the house template's",
        f"  complex: {_quoted(HOUSE_FONTS['complex'])}   # the house template's",
    ]
    if font.twin:
        lines += [f"measure_fonts:                 # {_comment(font.note)}",
                  f"  {_quoted(font.latin)}: {_quoted(font.twin)}"]
    else:
        lines += [f"measure_fonts: {{}}              # {_comment(font.note)}"]
        if not is_installed(font.latin):
            lines.append(f"#  {_quoted(font.latin)}: \"<an installed font with the same widths>\"")
    inches = guess.height / EMU_PER_INCH
    lines.append(f"sizes:                         # points; the house ranges x {inches:.2f} in / 7.50 in")
    for role, (largest, smallest) in guess.sizes.items():
        lines.append(f"  {role + ':':<12}{{max: {largest:g}, min: {smallest:g}}}")
    lines += [
        "footer:",
        f"  text: {_quoted('{title}' if guess.footer_text else '')}"
        f"   # {'{title}: the deck title, translated' if guess.footer_text else 'the layouts have no footer'}",
        f"  slide_number: {'true' if guess.slide_number else 'false'}",
    ]
    return "\n".join(lines) + "\n"


# --------------------------------------------------------------------------- the command
def describe_guess(guess: TemplateGuess) -> str:
    """What ``deck template init`` prints: each role's layout, slots and reasons, then what is missing."""
    width, height = guess.width / EMU_PER_INCH, guess.height / EMU_PER_INCH
    lines = [f"Template: {display_path(guess.pptx_path)}, {width:.3f} x {height:.3f} in "
             f"({aspect_ratio(guess.width, guess.height)}), {guess.layout_count} layouts", "", "Layout roles:"]
    for role in guess.roles.values():
        slots = ", ".join(f"{slot} {value}" for slot, value in role.slots.items()) or "no slots"
        mark = "fallback" if role.fallback else f"score {role.score:g}"
        lines.append(f"  {role.role:<12} -> \"{role.layout}\" ({slots}); {mark}")
        lines += [f"      {reason}" for reason in role.reasons]
    missing = [role for role in guess.roles.values() if role.fallback]
    lines += ["", "Missing: " + (", ".join(role.role for role in missing) if missing else "nothing")]
    name = f" \"{guess.theme.name}\"" if guess.theme.name else ""
    lines += ["", f"Theme{name}:", f"  font: {guess.font.latin} ({guess.font.source}); {guess.font.note}"]
    lines += [f"  {color}: {value} ({source})" for color, (value, source) in guess.colors.items()]
    return "\n".join(lines) + "\n"


def default_out_dir(pptx_path: Path) -> Path:
    """``templates/<the file's stem, slugified>``."""
    slug = re.sub(r"[^a-z0-9]+", "-", Path(pptx_path).stem.lower()).strip("-")
    return Path("templates") / (slug or "template")


def init_template(pptx_path: Path, out_dir: Path | None, write: Callable[[Path, bytes], object],
                  force: bool = False) -> tuple[TemplateGuess, Path]:
    """Guess the mapping of ``pptx_path`` and write ``out_dir/template.pptx`` and ``out_dir/mapping.yaml``.

    ``write(path, data)`` writes one file atomically (``generator.output.writer.write_atomic``).
    Refuses to replace an existing mapping.yaml unless ``force``. Returns the guess and the folder.
    """
    pptx_path = Path(pptx_path)
    data = read_template_file(pptx_path)           # read once: what is written is what was checked
    entries = checked_entries(pptx_path, data)
    guess = _guess(presentation_of(entries, pptx_path), pptx_path)
    out_dir = Path(out_dir) if out_dir is not None else default_out_dir(pptx_path)
    mapping_path = out_dir / MAPPING_FILE
    if mapping_path.exists() and not force:
        raise ContentError([Problem(display_path(mapping_path), None, None, "a mapping.yaml is already there",
                                    "pass --force to replace it, or --out another folder")])
    write(out_dir / TEMPLATE_FILE, data)
    write(mapping_path, mapping_yaml(guess).encode("utf-8"))
    return guess, out_dir
