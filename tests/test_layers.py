"""The house as the README draws it: every module in one layer, imports only downwards, raw XML only in oxml/."""

from __future__ import annotations

import ast
import fnmatch
import re
from functools import lru_cache
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "generator"


def code_map() -> list[list[str]]:
    """The README's code map, top layer first: each row's backticked paths (``generator/...``)."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    section = text.split("## How the code is organised", 1)[1].split("\n## ", 1)[0]
    rows = [line for line in section.splitlines() if line.startswith("| ") and "`generator/" in line]
    return [re.findall(r"`(generator/[^`]+)`", row.split("|")[2]) for row in rows]


def modules() -> dict[str, Path]:
    return {path.relative_to(ROOT).as_posix(): path for path in sorted(PACKAGE.rglob("*.py"))}


def layer_of(module: str, layers: list[list[str]]) -> int:
    """The row whose entry matches the module most closely: a file, a pattern, then the deepest folder."""
    best, best_rank = None, None
    for index, entries in enumerate(layers):
        for entry in entries:
            if entry.endswith("/"):
                rank = (1, len(entry)) if module.startswith(entry) else None
            else:
                rank = (3, len(entry)) if module == entry else (2, len(entry)) if fnmatch.fnmatch(module, entry) \
                    else None
            if rank and (best_rank is None or rank > best_rank):
                best, best_rank = index, rank
    assert best is not None, f"{module} is in no layer of the README's code map"
    return best


def imported_modules(path: Path) -> set[str]:
    """Every generator module ``path`` imports, at the top or inside a function, as a path."""
    package = path.relative_to(ROOT).with_suffix("").parts
    package = package if path.name == "__init__.py" else package[:-1]
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        names: list[str] = []
        if isinstance(node, ast.ImportFrom):
            base = list(package[:len(package) - node.level + 1]) if node.level else []
            module = ".".join(base + ([node.module] if node.module else []))
            names = [module] + [f"{module}.{alias.name}" for alias in node.names]
        elif isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        for name in names:
            target = _as_path(name)
            if target:
                found.add(target)
    found.discard(path.relative_to(ROOT).as_posix())
    return found


def _as_path(dotted: str) -> str | None:
    parts = dotted.split(".")
    if parts[0] != "generator":
        return None
    for end in range(len(parts), 0, -1):
        candidate = ROOT.joinpath(*parts[:end])
        if candidate.with_suffix(".py").is_file():
            return candidate.with_suffix(".py").relative_to(ROOT).as_posix()
        if (candidate / "__init__.py").is_file():
            return (candidate / "__init__.py").relative_to(ROOT).as_posix()
    return None


def test_every_module_is_in_one_layer_of_the_code_map():
    layers = code_map()
    assert len(layers) >= 6, layers
    for module in modules():
        layer_of(module, layers)


def upward_imports(layers: list[list[str]]) -> list[str]:
    found = []
    for module, path in modules().items():
        own = layer_of(module, layers)
        for target in sorted(imported_modules(path)):
            if layer_of(target, layers) < own:
                found.append(f"{module} (layer {own + 1}) imports {target} (layer {layer_of(target, layers) + 1})")
    return found


def test_no_module_imports_a_module_of_a_layer_above_it():
    upward = upward_imports(code_map())
    assert not upward, "\n".join(upward)


def test_the_layer_check_sees_imports_inside_functions_and_upward_ones():
    assert "generator/build.py" in imported_modules(PACKAGE / "cli.py")       # cli imports build lazily
    upside_down = list(reversed(code_map()))
    assert any(line.startswith("generator/cli.py") for line in upward_imports(upside_down))


def _raw_xml_uses(path: Path) -> list[str]:
    """lxml, python-pptx's qn or oxml, and underscore attributes that are python-pptx's, in one file."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    ours = _own_private_names()
    uses = []
    for node in ast.walk(tree):
        if isinstance(node, (ast.Import, ast.ImportFrom)):
            module = node.module if isinstance(node, ast.ImportFrom) else None
            for name in [module or ""] + [alias.name for alias in node.names]:
                if name.split(".")[0] == "lxml" or (name or "").startswith("pptx.oxml") or name == "qn":
                    uses.append(f"line {node.lineno}: imports {name}")
        elif isinstance(node, ast.Attribute) and node.attr.startswith("_") and not node.attr.startswith("__"):
            if node.attr not in ours:
                uses.append(f"line {node.lineno}: .{node.attr}")
    return uses


@lru_cache(maxsize=1)
def _own_private_names() -> frozenset[str]:
    """Underscore names the generator defines itself (its own private attributes, methods and fields)."""
    names = {"_replace", "_asdict", "_fields", "_exit"}        # namedtuple and os: not python-pptx's
    for path in PACKAGE.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, (ast.FunctionDef, ast.ClassDef)) and node.name.startswith("_"):
                names.add(node.name)
            elif isinstance(node, ast.Attribute) and isinstance(node.ctx, ast.Store) and node.attr.startswith("_"):
                names.add(node.attr)
            elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name) \
                    and node.target.id.startswith("_"):
                names.add(node.target.id)
            elif isinstance(node, ast.Assign):
                names.update(target.id for target in node.targets
                             if isinstance(target, ast.Name) and target.id.startswith("_"))
    return frozenset(names)


def test_raw_xml_lives_only_in_oxml():
    found = {module: uses for module, path in modules().items()
             if not module.startswith("generator/oxml/") and (uses := _raw_xml_uses(path))}
    assert not found, found


def test_the_raw_xml_check_finds_what_it_looks_for(tmp_path):
    sample = tmp_path / "sample.py"
    sample.write_text("from lxml import etree\nfrom pptx.oxml.ns import qn\n"
                      "def f(shapes):\n    return shapes._spTree\n", encoding="utf-8")
    uses = _raw_xml_uses(sample)
    assert any("lxml" in use for use in uses) and any("pptx.oxml.ns" in use for use in uses)
    assert any("._spTree" in use for use in uses)
