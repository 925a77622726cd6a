"""The translator workflow: extract a POT from the YAML content, merge it into each locale's PO,
report coverage, check translations, and exchange them as XLIFF.

The build itself only reads catalogs (``generator.localize.translations``); everything that writes
them lives here.
"""
