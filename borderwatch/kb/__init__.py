"""The regional knowledge base: actors and places as editable, validated YAML."""

from borderwatch.kb.loader import KB, KBError, load_kb

__all__ = ["KB", "KBError", "load_kb"]
