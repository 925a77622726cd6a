"""Lay out: geometry, text measurement and fitting, computed before drawing."""
