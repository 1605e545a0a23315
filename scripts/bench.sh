#!/usr/bin/env bash
# Runs a benchmark from bench/: `yarn bench publish` runs bench/publish.bench.ts.
# The TypeScript is bundled with esbuild first, so that the workspace packages
# are used from source.
set -euo pipefail
MESHIFI_ROOT="${MESHIFI_ROOT:-$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)}"
# Exported: the bundled benchmark runs from a temporary folder and finds the
# repository through it (node_modules, the control plane scripts, results).
export MESHIFI_ROOT
name="${1:?usage: yarn bench <name>, e.g. publish}"
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT
"$MESHIFI_ROOT/node_modules/.bin/esbuild" "$MESHIFI_ROOT/bench/$name.bench.ts" \
  --bundle --platform=node --target=node22 --format=cjs --log-level=warning \
  --outfile="$out/bench.js"
node "$out/bench.js"
