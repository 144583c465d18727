#!/usr/bin/env bash
# The main job on the embedded default: analyze the bundled example articles.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
.venv/bin/letopis analyze examples/ --format text
