"""The restructured layout: the progress callback, the facade's exports, one-way imports."""
from __future__ import annotations

import ast
from pathlib import Path

import pytest

from conftest import EXAMPLES, new_store_url

PACKAGE = Path(__file__).resolve().parents[2] / "letopis"


def test_progress_callback_is_called_once_per_article(tmp_path):
    from letopis import KnowledgeBase, read
    calls = []
    kb = KnowledgeBase(new_store_url("sqlite", tmp_path))
    summary = kb.ingest([str(EXAMPLES)], workers=0, progress=lambda s: calls.append((s.read, s.new, s.skipped)))
    assert summary["read"] == len(list(read(EXAMPLES))) > 1 and not summary["failed"]
    assert len(calls) == summary["read"]
    assert calls[-1] == (summary["read"], summary["new"], summary["skipped"])
    again = []
    kb.ingest([str(EXAMPLES)], workers=0, progress=again.append)  # all skipped: still one call each
    assert len(again) == summary["read"] and again[-1].skipped == summary["read"]


def test_progress_must_be_a_callback(tmp_path):
    from letopis import KnowledgeBase
    kb = KnowledgeBase(new_store_url("sqlite", tmp_path))
    with pytest.raises(TypeError, match="callback"):
        kb.ingest([str(EXAMPLES)], workers=0, progress=True)


def test_import_letopis_is_light_and_exports_the_facade():
    import subprocess
    import sys
    code = ("import sys, letopis; assert 'sqlalchemy' not in sys.modules; "
            "from letopis import KnowledgeBase; assert KnowledgeBase.__module__ == 'letopis.kb'")
    subprocess.run([sys.executable, "-c", code], check=True)


def imported_modules(folder: str) -> set[str]:
    """Absolute names of the letopis modules imported by the files of a subpackage."""
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


@pytest.mark.parametrize("folder, forbidden", [
    ("store", ("letopis.ingest", "letopis.kb", "letopis.cli", "letopis.web")),
    ("corpus", ("letopis.store", "letopis.ingest", "letopis.kb")),
])
def test_imports_go_one_way(folder, forbidden):
    bad = {name for name in imported_modules(folder) if name.startswith(forbidden)}
    assert not bad, f"letopis/{folder} imports {sorted(bad)}"


def test_kb_has_no_sql_and_no_rich():
    tree = ast.parse((PACKAGE / "kb.py").read_text(encoding="utf-8"))
    names = {n.module for n in ast.walk(tree) if isinstance(n, ast.ImportFrom) and n.level == 0}
    names |= {a.name for n in ast.walk(tree) if isinstance(n, ast.Import) for a in n.names}
    assert not {n for n in names if n.startswith("rich")}
    assert {n for n in names if n.startswith("sqlalchemy")} <= {"sqlalchemy.exc"}  # errors only, no queries
