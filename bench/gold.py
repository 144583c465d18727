"""What the bench scripts share: loading a shared scorer and reading gold JSONL."""
from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path


def load_tool(path: Path, name: str):
    """A scorer from ../shared/tools imported as a module, so scores match it exactly."""
    if not path.exists():
        sys.exit(f"error: scorer not found at {path}")
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def read_gold_lines(path: Path, limit: int | None) -> list[dict]:
    """Gold documents as given; a clear exit (file:line) on a bad line."""
    if not path.exists():
        sys.exit(f"error: no such file: {path}")
    docs = []
    with path.open(encoding="utf-8") as lines:
        for number, line in enumerate(lines, 1):
            if not line.strip():
                continue
            try:
                doc = json.loads(line)
            except json.JSONDecodeError as exc:
                sys.exit(f"error: {path}:{number}: not JSON ({exc.msg})")
            if "id" not in doc or "text" not in doc:
                sys.exit(f"error: {path}:{number}: a line needs `id` and `text`")
            docs.append(doc)
            if limit and len(docs) >= limit:
                break
    return docs
