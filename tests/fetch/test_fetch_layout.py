"""The fetch layer sits beside the readers: it never reaches up into ingest, the store or the interfaces."""
from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[2] / "letopis"


def imports_of(folder: str) -> set[str]:
    found = set()
    for path in (PACKAGE / folder).rglob("*.py"):
        parts = ["letopis", *path.relative_to(PACKAGE).with_suffix("").parts]
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom):
                base = parts[:len(parts) - node.level] if node.level else []
                found.add(".".join(base + ([node.module] if node.module else [])))
            elif isinstance(node, ast.Import):
                found.update(alias.name for alias in node.names)
    return found


def test_fetch_imports_only_downwards():
    forbidden = ("letopis.store", "letopis.ingest", "letopis.kb", "letopis.cli", "letopis.web", "sqlalchemy")
    assert not {name for name in imports_of("fetch") if name.startswith(forbidden)}


def test_only_the_fetch_layer_opens_connections():
    for folder in ("readers", "store", "pipeline", "corpus"):
        assert not {n for n in imports_of(folder) if n.split(".")[0] in ("httpx", "httpcore", "urllib3", "requests")}
