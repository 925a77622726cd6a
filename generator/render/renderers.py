"""The renderer of every slide kind, by kind: ``generator/kinds/<kind>/render.py``'s ``render``.

Each has ``render(page, slide, ctx)``: ``page`` is the slide being drawn
(``generator.render.page.Page``), ``slide`` the localized model, ``ctx`` the render context.
"""

from __future__ import annotations

from importlib import import_module

from ..kinds import SLIDE_CLASSES

RENDERERS = {kind: import_module(f"generator.kinds.{kind}.render").render for kind in SLIDE_CLASSES}
