"""Articles made from a real one by shuffling its sections: many-article corpora for tests and benchmarks."""

from __future__ import annotations

import random

from corpus.parsing import Article


def shuffled_article(article: Article, *, seed: int, title: str) -> str:
    """The text of an article titled ``title`` holding ``article``'s lead, then its sections in a shuffled order.

    Each section keeps its paragraphs and footnote markers under its own heading (nested headings are
    flattened), and the reference list is kept whole, so every footnote still resolves.

    Args:
        article: the article to shuffle.
        seed: picks the order; the same seed gives the same text.
        title: the new article's title (its first line).

    """
    lead, *body = article.sections
    random.Random(seed).shuffle(body)  # noqa: S311 - an order, not a secret
    lines = [title, *(p.text for p in lead.paragraphs)]
    for section in body:
        lines.append(section.path[-1])
        lines.extend(p.text for p in section.paragraphs)
    lines.append("参照")
    lines.extend(f"- ^ {text}" for _, text in sorted(article.references.items()))
    return "\n".join(lines) + "\n"
