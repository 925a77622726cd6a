"""Every raw OOXML edit, below python-pptx's public API, by what it edits.

- ``child_order``: where a new child element goes (schema order);
- ``text``: text bodies, autofit, paragraphs, bullets, runs, links, footers, notes;
- ``language``: a run's language and script fonts, paragraph direction, a chart's language;
- ``shapes``: copied boxes and connectors, glue, connector routing, arrowheads, freeforms;
- ``slides``: adding slides and notes slides, placeholders, removing slides;
- ``package``: part names, relationship files, content types, every zip entry;
- ``package_limits``: reading a .pptx within its limits (entries, sizes, compression ratio);
- ``package_check``: a template's parts checked before python-pptx opens them, built decks re-read.

``render`` decides what to draw and calls these; ``output`` calls ``package``. Nothing else
in the generator touches XML or python-pptx's private names.
"""
