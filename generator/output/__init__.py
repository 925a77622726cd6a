"""Write: deterministic bytes, written atomically, so a failed build never leaves a broken deck."""
