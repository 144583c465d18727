"""`letopis` corpus commands (see letopis/kb.py for the API they call)."""
from __future__ import annotations

from . import app  # noqa: F401
