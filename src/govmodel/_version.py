"""The library's version, written once here (read without importlib.metadata, which is slow)."""

from __future__ import annotations

__all__ = ["__version__"]

__version__ = "0.2.0.dev0"
