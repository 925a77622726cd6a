"""Localize: catalog lookup, then every text rendered as a sandboxed Jinja template with locale-aware figures."""
