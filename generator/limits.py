"""Every limit on what the generator reads, in one place (the README's "Limits" lists them).

Each is generous for a real deck and small enough that input beyond it is refused within a
second or two, before any work whose cost grows with it: a clear error naming the file and
the limit, never a hang, a traceback or an exhausted memory.
"""

from __future__ import annotations

# Files
MAX_YAML_BYTES = 1_000_000          # deck.yaml, figures.yaml, a slide file, mapping.yaml
MAX_CATALOG_BYTES = 5_000_000       # one locales/<locale>.po
MAX_INPUT_FILE_BYTES = 100_000_000  # any other file read or hashed: assets, basemaps, template files

# Deck
MAX_SLIDES = 2_000                  # slides listed in deck.yaml, and slide files in slides/
MAX_CATALOG_ENTRIES = 20_000        # messages in one catalog

# Expressions: {{ … }} in deck text and translations, a figure's expr, a rule's check
MAX_EXPRESSION_CHARS = 200          # characters of one expression
MAX_EXPRESSION_DEPTH = 10           # brackets ( [ { nested inside one expression

# Numbers
MAX_NUMBER_CHARS = 100              # a number written in a YAML file
MAX_FIGURE_DIGITS = 15              # digits of a figure's value (what a float holds exactly)
