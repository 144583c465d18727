"""Every reader's last step: clean the body, derive metadata, check the result.

Format readers only find the raw pieces (title, body lines, url, date);
this module turns them into an `Article` the same way for every format and
refuses what the pipeline cannot use: no text, or text that is not Russian.

A page often prints its title again above the text (an <h1> and an <h3> in
the body, a scraper's first line): the lines before the first paragraph
that repeat the title are dropped, so the title is read once and is not
taken for a subheading. A repeat is told by its words (case, quotes and
punctuation aside), a site-name suffix ("... — Фонтанка.ру", "... | РБК")
on either side aside; it is checked before the prose test, since a title
may read like a sentence ("... сделали парковку для собак (фото)").
A reader that cannot trust its extractor to find an article at all (HTML:
trafilatura returns a page's menus when there is no article) asks for
`prose`: a body without one paragraph that reads like a sentence is
"no article text".
"""
from __future__ import annotations

import re

from ..article import Article
from ..errors import ReaderError
from .clean import Body, clean_lines, is_prose, normalize_line
from .meta import date_from_url, parse_published, repair_url, rubric_of, source_of, url_parts, url_problem
from .shapes import CYRILLIC_WORD, OTHER_WORD

# Share of Cyrillic among words below which a text is not Russian. English or
# code is ~0%; RT articles quoting many English tweets in rt_ng.jsonl.gz go down
# to about 30%, so the floor sits below them.
MIN_CYRILLIC_SHARE = 0.2
LANGUAGE_SAMPLE = 2000  # characters checked: enough to tell, cheap on long texts
NOT_WORD = re.compile(r"[\W_]+")
SITE_SUFFIX = re.compile(r"^(.+?)\s+[—–|-]\s+[^—–|]{1,40}$")  # "Заголовок — Сайт.ру", "Заголовок | РБК"
MIN_TITLE_WORDS = 2  # left before a suffix; one word is a dash inside a headline ("Путин — Трампу: ...")


def cyrillic_share(sample: str) -> float:
    """Share of Cyrillic words among the words of a text.

    Words, not letters: a few hundred matches instead of thousands, so the
    check costs little on a corpus, and it tells Russian from English as well.
    """
    cyrillic = len(CYRILLIC_WORD.findall(sample))
    total = cyrillic + len(OTHER_WORD.findall(sample))
    return cyrillic / total if total else 0.0


def check_russian(origin: str, title: str, text: str, line: int | None) -> None:
    """Refuse text that is not Russian: the models and rules only read Russian."""
    share = cyrillic_share(title + "\n" + text[:LANGUAGE_SAMPLE])
    if share < MIN_CYRILLIC_SHARE and len(text) > LANGUAGE_SAMPLE:
        share = cyrillic_share(title + "\n" + text)  # an English quote may open a Russian article
    if share < MIN_CYRILLIC_SHARE:
        raise ReaderError(origin, f"not Russian text ({share:.0%} of words are Cyrillic)", line)


def folded(text: str) -> str:
    """Words only: no case, quotes or punctuation, ё as е."""
    return NOT_WORD.sub(" ", text).casefold().replace("ё", "е").strip()


def title_forms(text: str) -> set[str]:
    """A title's folded words, with and without a site-name suffix after ` — ` or ` | `."""
    forms = {folded(text)}
    match = SITE_SUFFIX.match(text)
    if match and len(folded(match.group(1)).split()) >= MIN_TITLE_WORDS:
        forms.add(folded(match.group(1)))
    return forms - {""}


def same_words(a: str, b: str) -> bool:
    """Equal up to case, quotes, punctuation and a site suffix: `"Дерзкая": с Лободы` = `«Дерзкая» с Лободы`."""
    return bool(title_forms(a) & title_forms(b))


def without_title(body: Body, title: str) -> Body:
    """The body without the lines before its first paragraph that repeat the title."""
    if not title:
        return body
    drop = set()
    for index, paragraph in enumerate(body.paragraphs):
        if same_words(paragraph, title):
            drop.add(index)
            continue
        if is_prose(paragraph):
            break
    if not drop:
        return body
    paragraphs = [p for i, p in enumerate(body.paragraphs) if i not in drop]
    return Body(paragraphs, [s for s in body.subheadings if not same_words(s, title) and s in paragraphs])


def build_article(origin: str, title: str, lines, *, url: str | None = None, published=None,
                  source: str | None = None, subheadings: list[str] | None = None,
                  line: int | None = None, prose: bool = False) -> Article:
    """Raw pieces of one article -> a clean, checked `Article`."""
    title = normalize_line(title or "")
    body = without_title(clean_lines(lines, subheadings), title)
    if not body.paragraphs or (prose and not any(map(is_prose, body.paragraphs))):
        raise ReaderError(origin, "no article text", line)
    check_russian(origin, title, body.text, line)
    url = repair_url(url.strip()) if isinstance(url, str) and url.strip() else None
    if url and url_parts(url) is None:
        raise ReaderError(origin, f"not a valid URL: {url[:200]!r} ({url_problem(url)})", line)
    where = f"{origin}:{line}" if line is not None else origin
    return Article(title=title, text=body.text, url=url, source=source_of(url) or source,
                   rubric=rubric_of(url), published=parse_published(published) or date_from_url(url),
                   subheadings=body.subheadings, paragraphs=body.paragraphs, origin=where)
