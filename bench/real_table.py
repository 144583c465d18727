"""The tables `bench/real.py` prints: one row per category and half, from its counts."""
from __future__ import annotations

import collections


def ratio(hits: int, total: int) -> str:
    return f"{hits / total:.3f}" if total else "-"


def prf(c, key: str) -> str:
    """P/R/F1 of one kind as `.xx/.xx/.xx`."""
    hits = c[f"{key}_hit"] if f"{key}_hit" in c else c[f"{key}_tp"]  # entities: right system pairs
    p = hits / c[f"{key}_pred"] if c[f"{key}_pred"] else 0.0
    r = c[f"{key}_tp"] / c[f"{key}_gold"] if c[f"{key}_gold"] else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return f"{p:.2f}/{r:.2f}/{f:.2f}".replace("0.", ".") if c[f"{key}_gold"] or c[f"{key}_pred"] else "-"


def junk(c) -> str:
    return f"{c['junk'] / c['articles']:.2f}" if c["articles"] else "-"


# The two tables: (heading, width, cell) columns.
BLOCKS = (
    (("entity P/R/F", 14, lambda c: prf(c, "ent")), ("junk/art", 8, junk),
     ("nf acc", 6, lambda c: ratio(c["nf_ok"], c["nf_tied"])), ("Natasha P/R/F", 14, lambda c: prf(c, "nat")),
     ("published", 9, lambda c: ratio(c["pub_ok"], c["pub_n"])),
     ("dates:dated", 11, lambda c: ratio(c["date_dated_ok"], c["date_dated_n"])),
     ("undated", 7, lambda c: ratio(c["date_undated_ok"], c["date_undated_n"]))),
    (("occupation P/R/F", 16, lambda c: prf(c, "occ")), ("meeting P/R/F", 14, lambda c: prf(c, "meet")),
     ("events sys/gold", 15, lambda c: f"{c['ev_pred']}/{c['ev_gold']}"), ("type ok", 7, lambda c: ratio(c["ev_type_ok"], c["ev_pred"])),
     ("fully ok", 8, lambda c: ratio(c["ev_full_ok"], c["ev_pred"])),
     ("recall", 6, lambda c: ratio(c["ev_found"], c["ev_gold"])),
     ("recall (Letopis types)", 22, lambda c: ratio(c["ev_found"], c["ev_gold_known"]))),
)


def groups(counts, categories: tuple[str, ...], halves: tuple[str, ...]) -> list[tuple[str, collections.Counter]]:
    """Counts per category and half, then all categories (both halves together when both are run)."""
    out = []
    for category in categories + ("all",):
        for half in halves + (("all",) if len(halves) > 1 else ()):
            total = collections.Counter()
            for (cat, split), c in counts.items():
                if category in (cat, "all") and half in (split, "all"):
                    total.update(c)
            if total["articles"]:
                out.append((f"{category} {half}", total))
    return out


def table(counts, categories: tuple[str, ...], halves: tuple[str, ...]) -> list[str]:
    """Both tables as lines: a heading, then one row per group."""
    lines = []
    for columns in BLOCKS:
        lines.append(f"{'group':<11}{'n':>4}" + "".join(f"  {head:>{width}}" for head, width, _ in columns))
        for name, c in groups(counts, categories, halves):
            lines.append(f"{name:<11}{c['articles']:>4}" + "".join(f"  {cell(c):>{width}}" for _, width, cell in columns))
        lines.append("")
    return lines
