# shellcheck shell=bash
# The node programs the local control plane runs, bundled by esbuild (each
# workspace's `bundle` script) from this repository's sources, and bundled
# again only when a source is newer than the bundle:
#
#   ensure_function_bundle     -> MESHIFI_FUNCTION_JS (crossplane/function: the
#                                 composition function, function-meshifi)
#   ensure_local_tools_bundle  -> MESHIFI_STAND_IN_JS (tools/gcp-provider-stand-in)
#   ensure_git_http_server_bundle
#                              -> MESHIFI_GIT_HTTP_SERVER_JS (tools/git-http-server)
#
# All need the repository's dependencies installed (yarn install).

# shellcheck source=log.sh
source "$(dirname "${BASH_SOURCE[0]}")/log.sh"
# shellcheck source=node.sh
source "$(dirname "${BASH_SOURCE[0]}")/node.sh"

ensure_function_bundle() {
  local function="$MESHIFI_ROOT/crossplane/function"
  _bundle_if_stale @meshifi/crossplane-function "$function/dist/function.js" "the composition function" \
    "$function/src" "$function/package.json" "$MESHIFI_ROOT/plugins/meshifi-common/src" || return 1
  export MESHIFI_FUNCTION_JS="$function/dist/function.js"
}

ensure_local_tools_bundle() {
  local tools="$MESHIFI_ROOT/tools" common="$MESHIFI_ROOT/plugins/meshifi-common/src"
  local stand_in="$tools/gcp-provider-stand-in"
  # The workspace packages it bundles: the model, @meshifi/node, @meshifi/daemon.
  local shared=("$common" "$MESHIFI_ROOT/plugins/meshifi-node/src" "$tools/daemon/src")
  _bundle_if_stale @meshifi/gcp-provider-stand-in "$stand_in/dist/gcp-provider-stand-in.js" \
    "the GCP provider stand-in" "$stand_in/src" "$stand_in/package.json" "${shared[@]}" || return 1
  export MESHIFI_STAND_IN_JS="$stand_in/dist/gcp-provider-stand-in.js"
}

ensure_git_http_server_bundle() {
  local server="$MESHIFI_ROOT/tools/git-http-server"
  _bundle_if_stale @meshifi/git-http-server "$server/dist/git-http-server.js" "the git HTTP server" \
    "$server/src" "$server/package.json" "$MESHIFI_ROOT/tools/daemon/src" || return 1
  export MESHIFI_GIT_HTTP_SERVER_JS="$server/dist/git-http-server.js"
}

# _bundle_if_stale WORKSPACE JS WHAT SOURCE...: runs the workspace's bundle
# script when JS is missing or a file of the SOURCEs (tests aside) is newer.
_bundle_if_stale() {
  local workspace="$1" js="$2" what="$3"
  shift 3
  if [ -f "$js" ] && [ -z "$(find "$@" -newer "$js" -type f ! -name '*.test.ts' 2>/dev/null | head -n 1)" ]; then
    return 0
  fi
  ensure_node || return 1
  if [ ! -d "$MESHIFI_ROOT/node_modules" ]; then
    say "bundling $what needs the repository's dependencies: run 'yarn install' first."
    return 1
  fi
  say "bundling $what into $js ..."
  (cd "$MESHIFI_ROOT" && yarn workspace "$workspace" bundle) >&2 && return 0
  say "cannot bundle $what (see the errors above)."
  return 1
}
