"""Map an extracted document onto the common commitment-and-indicator schema."""

from __future__ import annotations

from pipeline.normalise.document import normalise, with_organisation

__all__ = ["normalise", "with_organisation"]
