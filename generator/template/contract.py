"""Does a template's .pptx hold what its mapping.yaml promises?

``check_contract`` compares the mapping with the layouts and placeholders the .pptx really
has, for the slide kinds a deck uses, and raises one ``ContentError`` listing everything
missing, each problem pointing at the mapping.yaml line to fix. A slot mapped to ``draw``
has no placeholder to check: it is a warning, since the renderer draws a text box instead.
"""

from __future__ import annotations

from typing import Iterable

from ..errors import ContentError, Problem, Warnings, did_you_mean
from ..kinds import SLIDE_CLASSES
from .mapping import Template

# Every role but these must give its layout a title slot.
UNTITLED_ROLES = ("blank",)


def layout_placeholders(layout) -> dict[int, str]:
    """``{idx: type name}`` of a layout's placeholders, e.g. ``{0: 'TITLE', 1: 'OBJECT'}``."""
    result = {}
    for ph in layout.placeholders:
        fmt = ph.placeholder_format
        kind = fmt.type
        result[fmt.idx] = getattr(kind, "name", str(kind))
    return result


def placeholder_list(placeholders: dict[int, str]) -> str:
    if not placeholders:
        return "it has no placeholders"
    return "its placeholders: " + ", ".join(f"{idx}:{kind}" for idx, kind in sorted(placeholders.items()))


def check_contract(template: Template, kinds: Iterable[str], roles: Iterable[str] = (),
                   warnings: Warnings | None = None) -> None:
    """Raise ``ContentError`` unless every kind maps to a role whose layout and slots exist.

    ``roles`` names further layout roles to check (e.g. ones slides ask for explicitly).
    Each drawn slot of a role in use is added to ``warnings``.
    """
    mapping = template.mapping
    prs = template.open()
    layouts = {}
    for master in prs.slide_masters:
        for layout in master.slide_layouts:
            layouts.setdefault(layout.name, layout)
    problems: list[Problem] = []

    used: dict[str, tuple] = {}          # role -> where in mapping.yaml it was asked for
    for kind in dict.fromkeys(kinds):
        if kind in mapping.kinds:
            used.setdefault(mapping.kinds[kind], ("kinds", kind))
        elif kind in SLIDE_CLASSES:
            used.setdefault(SLIDE_CLASSES[kind].layout_role, ("layouts",))
        else:
            problems.append(template.problem(
                ("kinds",), f"slide kind '{kind}' has no layout role",
                f"add '{kind}: <role>' under kinds; roles: {', '.join(sorted(mapping.layouts))}"))
    for role in dict.fromkeys(roles):
        used.setdefault(role, ("layouts",))

    for role, asked_at in used.items():
        entry = mapping.layouts.get(role)
        if entry is None:
            problems.append(template.problem(asked_at, f"layout role '{role}' is not under layouts",
                                             did_you_mean(role, mapping.layouts, "roles")))
            continue
        layout = layouts.get(entry.name)
        if layout is None:
            problems.append(template.problem(
                ("layouts", role, "name"),
                f"layout '{entry.name}' (role '{role}') is not in {template.pptx_path.name}",
                did_you_mean(entry.name, list(layouts), "layouts")))
            continue
        placeholders = layout_placeholders(layout)
        for slot, idx in entry.slots.items():
            if idx not in placeholders:
                problems.append(template.problem(
                    ("layouts", role, slot),
                    f"layout '{entry.name}' has no placeholder idx {idx} for slot '{slot}' (role '{role}')",
                    placeholder_list(placeholders)))
        for slot in entry.drawn:
            if warnings is not None:
                warnings.add(template.problem(
                    ("layouts", role, slot),
                    f"layout '{entry.name}' has no placeholder for slot '{slot}' (role '{role}'): "
                    f"it is drawn as a text box", "map the slot to a placeholder idx to use the layout's own look"))
        if role not in UNTITLED_ROLES and "title" not in entry.slots and "title" not in entry.drawn:
            close = did_you_mean("title", list(entry.slots))
            hint = (close + "; " if close else "add 'title: <idx>'; ") + placeholder_list(placeholders)
            problems.append(template.problem(
                ("layouts", role), f"layout role '{role}' ('{entry.name}') needs a 'title' slot", hint))
    if problems:
        raise ContentError(problems)
