"""Run the ``deck`` program in this process: ``python bench/deck_driver.py build --all-locales``.

generator.cli has no ``__main__``; this runs it exactly as the ``deck`` console script does
(``main()`` reading ``sys.argv``), so profilers and the benchmark can start it with any Python.
"""
import sys

from generator.cli import main

if __name__ == "__main__":
    sys.argv[0] = "deck"
    main()
