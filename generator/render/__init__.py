"""Render: draw one locale's deck into the template's layouts, one module per slide kind.

``generator.render.kinds`` holds the renderers, registered by kind in ``RENDERERS``.
A new slide kind is a model class in ``generator.model`` plus a module here.
"""
