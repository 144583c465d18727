"""Letopis: Russian-language news -> a knowledge base.

    >>> from letopis import read, analyze
    >>> card = analyze(next(read("examples/000_bd1d954d026d96b9.txt")))
"""
from .article import Article
from .card import Card
from .errors import LetopisError, ReaderError
from .pipeline import Pipeline, analyze
from .readers import read

__all__ = ["Article", "Card", "LetopisError", "ReaderError", "Pipeline", "analyze", "read"]
__version__ = "0.1.0"
