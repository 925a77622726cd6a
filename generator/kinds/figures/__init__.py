"""The ``figures`` slide kind: its content model (``model.py``) and its renderer (``render.py``)."""
