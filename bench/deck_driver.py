"""Run the ``deck`` CLI in this process: ``python bench/deck_driver.py build --all-locales``.

generator.cli has no ``__main__``; this lets cProfile and other in-process tools run it.
"""
import sys

from generator.cli import main

if __name__ == "__main__":
    sys.exit(main(sys.argv[1:], prog_name="deck", standalone_mode=True))
