"""Words as the corpus compares them: `\\w+` runs, folded by `letopis.morph.fold`."""
from __future__ import annotations

import re

WORD = re.compile(r"\w+", re.UNICODE)
