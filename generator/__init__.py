"""Builds the ISO/IEC/CASCO introduction deck from YAML content and a PowerPoint template.

The flow is one-directional: load (``generator.load``) -> localize (``generator.localize``)
-> lay out (``generator.layout``) -> render (``generator.render``) -> write (``generator.output``).
``generator.build`` ties the stages together; ``generator.cli`` is a thin click layer over it.
"""

__version__ = "0.1.0"
