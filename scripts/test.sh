#!/usr/bin/env bash
# Set up everything the tests need (Python deps, system services) and run them.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
[ -f scripts/services.sh ] && source scripts/services.sh
.venv/bin/python -m pytest "$@"
