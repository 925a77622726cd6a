"""Where a map's labels go: beside their pin, clear of the other labels and pins, inside the map.

A label tries the side in reading order first (right, or left in right-to-left), then the
other side, above, below and the two diagonals, and takes the first place that overlaps no
label already placed and no pin and stays inside the bounds; when none is clear, the least bad.
"""

from __future__ import annotations

from .geometry import Rect

ORDER = ("right", "left", "above", "below", "right-up", "left-up")
RTL_ORDER = ("left", "right", "above", "below", "left-up", "right-up")


def place_label(pin: Rect, width: int, height: int, first_line: int, bounds: Rect, pins: list[Rect],
                placed: list[Rect], gap: int, inset_y: int, rtl: bool = False) -> tuple[Rect, str]:
    """The label's rectangle and the side of the pin it is on ('right', 'left', 'above', 'below').

    ``first_line`` is the height of the label's first line (the city), kept level with the
    pin on the sides; ``gap`` separates label and pin; ``inset_y`` is the label's top inset.
    """
    cx, cy = pin.center
    side_top = cy - inset_y - first_line // 2          # the city's line level with the pin
    up_top = cy - height + first_line // 2 + inset_y
    candidates = {
        "right": Rect(pin.right + gap, side_top, width, height),
        "left": Rect(pin.left - gap - width, side_top, width, height),
        "above": Rect(cx - width // 2, pin.top - gap - height, width, height),
        "below": Rect(cx - width // 2, pin.bottom + gap, width, height),
        "right-up": Rect(pin.right + gap, up_top, width, height),
        "left-up": Rect(pin.left - gap - width, up_top, width, height),
    }
    best, best_cost = None, None
    for name in RTL_ORDER if rtl else ORDER:
        rect = clamped(candidates[name], bounds)
        cost = sum(overlap(rect, other) for other in placed) * 4
        cost += sum(overlap(rect, other) for other in pins)
        cost += outside(candidates[name], bounds) * 2
        if cost == 0:
            return rect, name.split("-")[0]
        if best_cost is None or cost < best_cost:
            best, best_cost = (rect, name.split("-")[0]), cost
    return best


def clamped(rect: Rect, bounds: Rect) -> Rect:
    """``rect`` moved (and if need be cut) to lie inside ``bounds``."""
    left = max(bounds.left, min(rect.left, bounds.right - rect.width))
    top = max(bounds.top, min(rect.top, bounds.bottom - rect.height))
    return Rect(left, top, min(rect.width, bounds.width), min(rect.height, bounds.height))


def overlap(a: Rect, b: Rect) -> int:
    """The area two rectangles share."""
    width = min(a.right, b.right) - max(a.left, b.left)
    height = min(a.bottom, b.bottom) - max(a.top, b.top)
    return width * height if width > 0 and height > 0 else 0


def outside(rect: Rect, bounds: Rect) -> int:
    """How far (area) ``rect`` sticks out of ``bounds``: clamping it moved it onto something else."""
    return rect.width * rect.height - overlap(rect, bounds)
