"""Checks of built decks by a real renderer: ``deck check --render``."""
