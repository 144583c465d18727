"""Letopis: Russian-language news -> a knowledge base.

    >>> from letopis import read, analyze
    >>> card = analyze(next(read("examples/000_bd1d954d026d96b9.txt")))
    >>> from letopis import KnowledgeBase
    >>> kb = KnowledgeBase("letopis.db"); kb.ingest(["examples/"])
"""
from .article import Article
from .card import Card
from .errors import LetopisError, ReaderError
from .pipeline import Pipeline, analyze
from .readers import read

__all__ = ["Article", "Card", "KnowledgeBase", "LetopisError", "ReaderError", "Pipeline", "analyze", "read"]
__version__ = "0.1.0"


def __getattr__(name: str):
    """`KnowledgeBase` is imported on first use: `import letopis` stays free of SQLAlchemy."""
    if name == "KnowledgeBase":
        from .kb import KnowledgeBase
        return KnowledgeBase
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
