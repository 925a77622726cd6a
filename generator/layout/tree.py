"""A tidy tree layout for org charts: pure geometry, no python-pptx.

Nodes come in reading order as ``(id, parent)`` pairs. The layout puts each level on its own
row, top to bottom; every leaf gets a slot, parents are centred over their children and
subtrees are packed as closely as their contours allow (Reingold-Tilford style), so a small
subtree does not take the width of a big one. All boxes have the same size, computed from
the area: as wide as the widest row allows (up to ``max_box_width``), as tall as the number
of rows allows (up to ``max_box_height``); the drawing is centred in the area and never
leaves it. ``rtl=True`` mirrors it, so the first child is on the right.

Two placements besides the plain level:

* **beside**: a leaf marked ``beside`` sits on its parent's row, to the left and right of it
  in turn (the advisors or assistants of an org chart), joined side to side.
* **stacked**: when the widest level would make boxes narrower than ``min_box_width``, the
  children of each parent whose children are all leaves are stacked in a column below it,
  indented like a list (``compact=None`` decides so; ``True`` always stacks, ``False`` never).

Connection sites are those of a rectangle in PowerPoint: 0 top, 1 left, 2 bottom, 3 right;
``TreeLayout.sites`` gives the pair facing each other for every parent-child link.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Iterable, Sequence

from .geometry import Rect

EMU_PER_INCH = 914400

TOP, LEFT, BOTTOM, RIGHT = 0, 1, 2, 3


@dataclass(frozen=True)
class TreeNode:
    id: str
    parent: str | None = None
    beside: bool = False     # sit beside the parent on its row, if a leaf


@dataclass
class TreeLayout:
    boxes: dict[str, Rect]
    parents: dict[str, str | None]
    placement: dict[str, str]          # "root", "level", "beside" or "stacked"
    box_width: int
    box_height: int
    rows: int
    stacked: frozenset[str] = field(default_factory=frozenset)   # parents whose children are stacked

    @property
    def bounds(self) -> Rect:
        left = min(r.left for r in self.boxes.values())
        top = min(r.top for r in self.boxes.values())
        right = max(r.right for r in self.boxes.values())
        bottom = max(r.bottom for r in self.boxes.values())
        return Rect(left, top, right - left, bottom - top)

    def links(self) -> list[tuple[str, str]]:
        """``(parent, child)`` for every node with a parent, in node order."""
        return [(parent, child) for child, parent in self.parents.items() if parent is not None]

    def sites(self, child: str) -> tuple[int, int]:
        """``(parent site, child site)`` of the link into ``child``."""
        parent = self.parents[child]
        if parent is None:
            raise KeyError(f"'{child}' has no parent")
        p, c = self.boxes[parent], self.boxes[child]
        placement = self.placement[child]
        if placement == "beside":
            return (LEFT, RIGHT) if c.center[0] < p.center[0] else (RIGHT, LEFT)
        if placement == "stacked":
            return (BOTTOM, RIGHT) if c.center[0] < p.center[0] else (BOTTOM, LEFT)
        return BOTTOM, TOP


def facing_sites(a: Rect, b: Rect) -> tuple[int, int]:
    """The sites of ``a`` and ``b`` that face each other (for extra, non-tree edges)."""
    dx = b.center[0] - a.center[0]
    dy = b.center[1] - a.center[1]
    # overlapping rows: join side to side; otherwise top to bottom
    if b.top < a.bottom and a.top < b.bottom:
        return (RIGHT, LEFT) if dx > 0 else (LEFT, RIGHT)
    if a.left < b.right and b.left < a.right or abs(dy) * a.width >= abs(dx) * a.height:
        return (BOTTOM, TOP) if dy > 0 else (TOP, BOTTOM)
    return (RIGHT, LEFT) if dx > 0 else (LEFT, RIGHT)


def resolve_parents(nodes: Sequence[tuple[str, str | None]],
                    edges: Iterable[tuple[str, str]] = ()) -> dict[str, str | None]:
    """Each node's tree parent: its own ``parent``, else the source of the first edge into it.

    An edge is only used as the parent link when it keeps the graph a tree (no cycle).
    Raises ``ValueError`` for duplicate ids, unknown parents and cycles among given parents.
    """
    parents: dict[str, str | None] = {}
    for node_id, parent in nodes:
        if node_id in parents:
            raise ValueError(f"node '{node_id}' appears twice")
        parents[node_id] = parent
    for node_id, parent in parents.items():
        if parent is not None and parent not in parents:
            raise ValueError(f"node '{node_id}' has unknown parent '{parent}'")
    _check_acyclic(parents)
    given = dict(parents)
    for source, target in edges:
        if source not in parents or target not in parents or source == target:
            continue
        if given[target] is None and parents[target] is None and not _is_ancestor(parents, target, source):
            parents[target] = source
    return parents


def _is_ancestor(parents: dict[str, str | None], ancestor: str, node: str) -> bool:
    seen = set()
    while node is not None and node not in seen:
        if node == ancestor:
            return True
        seen.add(node)
        node = parents[node]
    return False


def _check_acyclic(parents: dict[str, str | None]) -> None:
    for start in parents:
        seen = [start]
        node = parents[start]
        while node is not None:
            if node in seen:
                raise ValueError("parents form a cycle: " + " -> ".join(seen + [node]))
            seen.append(node)
            node = parents[node]


# ---------------------------------------------------------------- the layout in box-width units

@dataclass
class _Gaps:
    """Gaps in units of the box width (the layout is computed with boxes one unit wide)."""

    h: float
    beside: float
    indent: float


Contour = dict[int, list[float]]     # row -> [left edge, right edge]


class _Tree:
    def __init__(self, nodes: Sequence[TreeNode], parents: dict[str, str | None]):
        self.order = [n.id for n in nodes]
        self.parents = parents
        self.children: dict[str | None, list[str]] = {None: []}
        for node_id in self.order:
            self.children.setdefault(node_id, [])
        for node_id in self.order:
            self.children.setdefault(parents[node_id], []).append(node_id)
        wants_beside = {n.id for n in nodes if n.beside}
        self.beside = {n for n in wants_beside if not self.children[n] and parents[n] is not None}

    def level_children(self, node: str | None) -> list[str]:
        return [c for c in self.children[node] if c not in self.beside]

    def beside_children(self, node: str) -> list[str]:
        return [c for c in self.children[node] if c in self.beside]

    def stackable(self) -> list[str]:
        """Parents whose level children (two or more) are all leaves."""
        out = []
        for node in self.order:
            kids = self.level_children(node)
            if len(kids) >= 2 and all(not self.children[k] for k in kids):
                out.append(node)
        return out


def _place(tree: _Tree, node: str, gaps: _Gaps, stacked: set[str]):
    """Positions ``{id: (x centre, row)}`` relative to ``node`` at (0, 0), and the contour."""
    positions: dict[str, tuple[float, int]] = {node: (0.0, 0)}
    contour: Contour = {0: [-0.5, 0.5]}
    kids = tree.level_children(node)
    if kids and node in stacked:
        # the connectors run down a trunk below the parent's centre (x = 0), left of the column
        left = gaps.indent
        for row, kid in enumerate(kids, 1):
            positions[kid] = (left + 0.5, row)
            contour[row] = [0.0, left + 1.0]
    elif kids:
        placed, merged = _pack([_place(tree, kid, gaps, stacked) for kid in kids], gaps.h)
        centre = (placed[kids[0]][0] + placed[kids[-1]][0]) / 2
        for key, (x, row) in placed.items():
            positions[key] = (x - centre, row + 1)
        for row, (lo, hi) in merged.items():
            contour[row + 1] = [lo - centre, hi - centre]
    for index, kid in enumerate(tree.beside_children(node)):
        side = -1 if index % 2 == 0 else 1
        step = index // 2 + 1
        x = side * step * (1.0 + gaps.beside)
        positions[kid] = (x, 0)
        contour[0][0] = min(contour[0][0], x - 0.5)
        contour[0][1] = max(contour[0][1], x + 0.5)
    return positions, contour


def _pack(subtrees, gap: float):
    """Subtrees side by side, each as far left as its contour allows."""
    placed: dict[str, tuple[float, int]] = {}
    merged: Contour = {}
    for positions, contour in subtrees:
        shift = 0.0
        if merged:
            shift = max((merged[row][1] + gap - lo) for row, (lo, _) in contour.items() if row in merged)
        for key, (x, row) in positions.items():
            placed[key] = (x + shift, row)
        for row, (lo, hi) in contour.items():
            if row in merged:
                merged[row] = [min(merged[row][0], lo + shift), max(merged[row][1], hi + shift)]
            else:
                merged[row] = [lo + shift, hi + shift]
    return placed, merged


def _forest(tree: _Tree, gaps: _Gaps, stacked: set[str]):
    roots = tree.level_children(None)
    return _pack([_place(tree, root, gaps, stacked) for root in roots], gaps.h)


def _width_in_units(tree: _Tree, gaps: _Gaps, stacked: set[str]) -> float:
    _, contour = _forest(tree, gaps, stacked)
    return max(hi for _, hi in contour.values()) - min(lo for lo, _ in contour.values())


def _best_width(tree: _Tree, stacked: set[str], area_width: int, max_width: int, h_gap: int,
                beside_gap: int, indent: int) -> int:
    """The widest box (EMU) for which the whole tree fits ``area_width``."""

    def fits(width: int) -> bool:
        gaps = _Gaps(h_gap / width, beside_gap / width, indent / width)
        return width * _width_in_units(tree, gaps, stacked) <= area_width

    if fits(max_width):
        return max_width
    low, high = 1, max_width
    while high - low > 1:
        middle = (low + high) // 2
        if fits(middle):
            low = middle
        else:
            high = middle
    return low


def _row_count(positions: dict[str, tuple[float, int]]) -> int:
    return max(row for _, row in positions.values()) + 1


def layout_tree(nodes: Sequence[TreeNode | tuple[str, str | None]], area: Rect, *,
                edges: Iterable[tuple[str, str]] = (), rtl: bool = False,
                h_gap: int = int(0.25 * EMU_PER_INCH), v_gap: int = int(0.4 * EMU_PER_INCH),
                beside_gap: int | None = None, indent: int | None = None,
                max_box_width: int = int(2.8 * EMU_PER_INCH), max_box_height: int = int(1.2 * EMU_PER_INCH),
                min_box_width: int = int(1.5 * EMU_PER_INCH), compact: bool | None = None,
                valign: str = "middle") -> TreeLayout:
    """Lay ``nodes`` out inside ``area``; see the module docstring.

    ``edges`` are ``(source, target)`` links: a node without a parent that is the target of an
    edge hangs below the edge's source. ``beside_gap`` (default twice ``h_gap``) separates a
    node from the nodes beside it; ``indent`` (default ``h_gap``) is how far right of the
    parent's centre a stacked child starts.
    """
    tree_nodes = [n if isinstance(n, TreeNode) else TreeNode(n[0], n[1]) for n in nodes]
    if not tree_nodes:
        raise ValueError("an org chart needs at least one node")
    if area.width <= 0 or area.height <= 0:
        raise ValueError(f"layout_tree: area must have a positive size, got {area}")
    parents = resolve_parents([(n.id, n.parent) for n in tree_nodes], edges)
    tree = _Tree(tree_nodes, parents)
    beside_gap = 2 * h_gap if beside_gap is None else beside_gap
    indent = h_gap if indent is None else indent
    max_box_width = min(max_box_width, area.width)

    def attempt(stacked: set[str]):
        width = _best_width(tree, stacked, area.width, max_box_width, h_gap, beside_gap, indent)
        positions, _ = _forest(tree, _Gaps(h_gap / width, beside_gap / width, indent / width), stacked)
        rows = _row_count(positions)
        height = min(max_box_height, (area.height - (rows - 1) * v_gap) // rows)
        return width, height, positions, rows

    stacked: set[str] = set()
    candidates = set(tree.stackable())
    if compact is True:
        stacked = candidates
    width, height, positions, rows = attempt(stacked)
    if compact is None and width < min_box_width and candidates:
        alternative = attempt(candidates)
        if alternative[0] > width and alternative[1] > 0:
            stacked = candidates
            width, height, positions, rows = alternative
    if height <= 0:
        # too many rows for the height: squeeze the vertical gaps rather than leave the area
        v_gap = max(0, (area.height - rows) // max(1, rows - 1)) if rows > 1 else 0
        height = max(1, min(max_box_height, (area.height - (rows - 1) * v_gap) // rows))

    lefts = [x for x, _ in positions.values()]
    span_left = (min(lefts) - 0.5) * width
    span_width = (max(lefts) - min(lefts) + 1.0) * width
    origin_x = area.left + (area.width - span_width) / 2 - span_left
    total_height = rows * height + (rows - 1) * v_gap
    free = max(0, area.height - total_height)
    origin_y = area.top + {"top": 0, "bottom": free}.get(valign, free // 2)

    boxes: dict[str, Rect] = {}
    for node in tree.order:
        x, row = positions[node]
        left = round(origin_x + (x - 0.5) * width)
        left = max(area.left, min(left, area.right - width))
        top = max(area.top, min(origin_y + row * (height + v_gap), area.bottom - height))
        if rtl:
            left = area.left + area.right - (left + width)
        boxes[node] = Rect(int(left), int(top), int(width), int(height))

    placement = {}
    for node in tree.order:
        parent = parents[node]
        if parent is None:
            placement[node] = "root"
        elif node in tree.beside:
            placement[node] = "beside"
        elif parent in stacked:
            placement[node] = "stacked"
        else:
            placement[node] = "level"
    return TreeLayout(boxes=boxes, parents={n: parents[n] for n in tree.order}, placement=placement,
                      box_width=int(width), box_height=int(height), rows=rows, stacked=frozenset(stacked))
