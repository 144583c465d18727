#!/usr/bin/env bash
# Set up everything the tests need (Python deps, system packages, servers) and run them.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
# Each file in scripts/services.d installs/starts one service and exports its settings.
for service in scripts/services.d/*.sh; do
  [ -e "$service" ] && source "$service"
done
.venv/bin/python -m pytest "$@"
