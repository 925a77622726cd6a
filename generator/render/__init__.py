"""Render: draw one locale's deck into the template's layouts.

Each slide kind draws itself (``generator/kinds/<kind>/render.py``); ``renderers.py`` finds
them by kind, and the modules here are what they draw with: pages, text boxes, shapes.
"""
