"""Load and validate: YAML files -> the typed content model (``generator.model``)."""
