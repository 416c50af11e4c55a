"""The article files and their parser: pure functions over text."""

from corpus.loading import Corpus, Document, load_corpus
from corpus.parsing import Article, Paragraph, Section, parse_article

__all__ = ["Article", "Corpus", "Document", "Paragraph", "Section", "load_corpus", "parse_article"]
