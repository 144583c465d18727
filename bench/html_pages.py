"""The HTML reader on saved real pages: trafilatura's settings, the lead paragraph, the title.

    python bench/html_pages.py [DIR ...]     (default: tests/readers/pages)

For each trafilatura setting (the default, with its fallback extractors;
`fast`, without them; `favor_recall`; `favor_precision`) it counts the
article pages whose lead paragraph (the page's first <p> of five words or
more) is in the extracted body, and the pages it finds no body on. Then
Letopis's own reader (`letopis.readers.read`): lead kept, title repeated as
the first body line or as a subheading, and which pages are refused with
their error line. A page whose name starts with `nav-only` holds no article.
"""
from __future__ import annotations

import sys
from pathlib import Path

import lxml.html
import trafilatura

from letopis.readers import read
from letopis.readers.html import body_blocks

ROOT = Path(__file__).resolve().parent.parent
PAGES = ROOT / "tests" / "readers" / "pages"
SETTINGS = {"default": {}, "fast": {"fast": True}, "favor_recall": {"favor_recall": True},
            "favor_precision": {"favor_precision": True}}
LEAD_CHARS = 60


def squeeze(text: str) -> str:
    return " ".join(text.split())


def lead(html: str) -> str | None:
    """The page's first paragraph of five words or more."""
    for p in lxml.html.fromstring(html).iter("p"):
        text = squeeze(p.text_content())
        if len(text.split()) >= 5:
            return text
    return None


def main(folders: list[str]) -> None:
    pages = sorted(p for folder in folders or [PAGES] for p in Path(folder).glob("*.htm*"))
    articles = [p for p in pages if not p.name.startswith("nav-only")]
    print(f"{len(articles)} article pages, {len(pages) - len(articles)} menus-only pages")
    for name, options in SETTINGS.items():
        kept, empty = 0, []
        for page in pages:
            html = page.read_text(encoding="utf-8")
            doc = trafilatura.bare_extraction(html, with_metadata=True, include_comments=False,
                                              include_tables=False, include_images=False, **options)
            if doc is None or doc.body is None:
                empty.append(page.name)
                continue
            text = "\n".join(map(squeeze, body_blocks(doc.body)[0]))
            kept += page in articles and (lead(html) or "")[:LEAD_CHARS] in text
        print(f"trafilatura {name:16} lead kept {kept}/{len(articles)}  no body: {', '.join(empty) or '-'}")
    kept = title_first = title_sub = 0
    for page in pages:
        errors = []
        found = list(read(page, on_error=errors.append))
        if errors:
            print(f"  refused: {errors[0]}")
            continue
        article = found[0]
        kept += (lead(page.read_text(encoding="utf-8")) or "")[:LEAD_CHARS] in article.text
        title_first += article.paragraphs[0] == article.title
        title_sub += article.title in article.subheadings
    print(f"letopis reader: lead kept {kept}/{len(articles)}, title as first body line {title_first}, "
          f"title as a subheading {title_sub}")


if __name__ == "__main__":
    main(sys.argv[1:])
