#!/usr/bin/env bash
# The main job on the embedded default: set up, ingest the bundled example
# articles into a SQLite knowledge base (letopis.db, or $LETOPIS_DB) and show
# what was found. Run it again: the ingest skips what is already stored.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
DB="${LETOPIS_DB:-letopis.db}"
letopis() { .venv/bin/letopis "$@"; }
section() { printf '\n=== %s\n' "$*"; }

section "One card: the reference article"
letopis analyze examples/000_bd1d954d026d96b9.txt --format text
section "Ingest examples/ into $DB (2 worker processes)"
letopis ingest examples/ --db "$DB" --workers 2
section "What the knowledge base holds"
letopis stats --db "$DB" --top 10
section "Events (attacks, incidents, mourning, summits...)"
letopis events --db "$DB" --limit 10
section "Stories (articles about the same event)"
letopis stories --db "$DB"
section "Search: теракт (finds 'терактов', 'Теракты')"
letopis search теракт --db "$DB" --limit 3
section "Entity profile: Токаев"
letopis entity Токаев --db "$DB"
printf '\nBrowse it: .venv/bin/letopis serve --db %s   (then open http://127.0.0.1:8000/)\n' "$DB"
