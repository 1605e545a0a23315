#!/usr/bin/env bash
# Command 1: start meshifi on its embedded defaults and print the URL to open.
set -euo pipefail
MESHIFI_ROOT="${MESHIFI_ROOT:-$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)}"
export MESHIFI_ROOT
source "$MESHIFI_ROOT/scripts/lib/node.sh"
source "$MESHIFI_ROOT/scripts/lib/backend.sh"

ensure_node
ensure_dependencies
build_app
start_backend
echo
echo "meshifi is running: open $MESHIFI_URL and press Enter to sign in as guest."
echo "Stop it with Ctrl-C."
wait_for_backend_exit
