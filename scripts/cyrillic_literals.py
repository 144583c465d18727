"""Count Cyrillic string literals in code (docstrings excluded), per module.

Word lists belong in `letopis/data/`; this lists what is still in code:

    python scripts/cyrillic_literals.py [--show] [PATH...]
"""
from __future__ import annotations

import ast
import re
import sys
from pathlib import Path

CYRILLIC = re.compile("[а-яА-ЯёЁ]")


def docstring_nodes(tree: ast.AST) -> set[int]:
    ids = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)):
            body = getattr(node, "body", [])
            if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
                ids.add(id(body[0].value))
    return ids


def literals(path: Path) -> list[tuple[int, str]]:
    """(line, text) of each Cyrillic str constant that is not a docstring."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    skip = docstring_nodes(tree)
    return [(node.lineno, node.value) for node in ast.walk(tree)
            if isinstance(node, ast.Constant) and isinstance(node.value, str)
            and id(node) not in skip and CYRILLIC.search(node.value)]


def main(argv: list[str]) -> None:
    show = "--show" in argv
    roots = [Path(a) for a in argv if a != "--show"] or [Path(__file__).resolve().parent.parent / "letopis"]
    total = 0
    for root in roots:
        for path in sorted(root.rglob("*.py") if root.is_dir() else [root]):
            found = literals(path)
            if found:
                total += len(found)
                print(f"{len(found):5d} {path}")
                if show:
                    for line, text in found:
                        print(f"        {line}: {text!r}")
    print(f"{total:5d} Cyrillic literals in code")


if __name__ == "__main__":
    main(sys.argv[1:])
