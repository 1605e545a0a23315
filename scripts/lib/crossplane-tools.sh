# shellcheck shell=bash
# Sourced by the meshifi scripts: provides the Crossplane tools the tests need,
# built or fetched once from the Go module proxy into the meshifi cache folder
# ($MESHIFI_CACHE/go-tools/...), outside the repository, and reused after:
#
#   ensure_crossplane_cli        -> CROSSPLANE_BIN (the `crossplane` CLI)
#   ensure_function_auto_ready   -> FUNCTION_AUTO_READY_BIN (a local gRPC function)
#   ensure_crossplane_crds       -> CROSSPLANE_CRDS_DIR (Crossplane core CRDs)
#   ensure_gcp_provider_crds     -> GCP_CRDS_DIR (namespaced Upbound GCP CRDs, derived)
#   crossplane_validate EXT RES  -> `crossplane beta validate`, fully offline
#
# Each ensure_* function prints progress to stderr, exports its variable,
# prints the path on stdout and returns non-zero with a message on failure.
# Only the `go` command is needed; it talks to the configured module proxy.
#
# Why the tools are built with `go build` inside the downloaded module rather
# than `go install module/path@version`: the module proxy reachable here
# refuses version listings (@v/list), and `go install pkg@version` looks up the
# module's deprecation through that listing and aborts. function-auto-ready's
# go.mod also declares a different path (github.com/crossplane/...) from the
# one it is published under (github.com/crossplane-contrib/...), which
# `go install` rejects. Building inside the module directory uses the module's
# own go.mod and go.sum, so the result is what `go install` would build.

MESHIFI_CACHE="${MESHIFI_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/meshifi}"
export MESHIFI_CACHE

# --- Pinned versions --------------------------------------------------------

# The Crossplane CLI (render, beta validate). v2.2.1 is the newest release whose
# module still contains the CLI (cmd/crank): from v2.3.0 on the CLI moved to
# its own module (github.com/crossplane/cli/v2), of which the proxy serves no
# version, and the core module (v2.3.x, v2.4.x are served) only has the server.
MESHIFI_CROSSPLANE_MODULE="github.com/crossplane/crossplane/v2"
MESHIFI_CROSSPLANE_VERSION="${MESHIFI_CROSSPLANE_VERSION:-v2.2.1}"

# The Crossplane core CRDs installed into the test API server: the same release
# as the CLI, so render, validate and the API server agree on the schemas.
MESHIFI_CROSSPLANE_CRDS_VERSION="${MESHIFI_CROSSPLANE_CRDS_VERSION:-$MESHIFI_CROSSPLANE_VERSION}"

# function-auto-ready marks composed resources ready. v0.7.0 is the newest
# release the proxy serves (v0.4.2, v0.5.x, v0.6.0 are older ones it serves).
MESHIFI_FUNCTION_AUTO_READY_MODULE="github.com/crossplane-contrib/function-auto-ready"
MESHIFI_FUNCTION_AUTO_READY_VERSION="${MESHIFI_FUNCTION_AUTO_READY_VERSION:-v0.7.0}"

# The Upbound GCP provider. Its namespaced (Crossplane v2, *.gcp.m.upbound.io)
# CRDs ship only with provider v2, and the Go module proxy reachable here
# serves no v2 version of github.com/upbound/provider-gcp (every candidate,
# /v2@v2.3.0..v2.6.0 and /v3, answers 403). v1.14.0 is served: its
# cluster-scoped CRDs of the same kinds are the real provider schemas, and
# namespaced-gcp-crds.js derives the namespaced ones from them (see there).
MESHIFI_PROVIDER_GCP_MODULE="github.com/upbound/provider-gcp"
MESHIFI_PROVIDER_GCP_VERSION="${MESHIFI_PROVIDER_GCP_VERSION:-v1.14.0}"

# The provider CRDs meshifi's compositions use, as named in package/crds/.
MESHIFI_GCP_CRD_FILES="bigquery.gcp.upbound.io_datasets.yaml
bigquery.gcp.upbound.io_datasetiammembers.yaml
cloudplatform.gcp.upbound.io_serviceaccounts.yaml
cloudplatform.gcp.upbound.io_serviceaccountiammembers.yaml
cloudplatform.gcp.upbound.io_projectiammembers.yaml
gcp.upbound.io_providerconfigs.yaml"

# --- Helpers ----------------------------------------------------------------

_xp_log() {
  echo "meshifi: $*" >&2
}

_xp_need_go() {
  if ! command -v go >/dev/null 2>&1; then
    _xp_log "the Crossplane tools are built with Go, and no 'go' command is on PATH: install Go 1.25 or newer and try again."
    return 1
  fi
}

# Runs go with settings that do not depend on the caller's environment.
_xp_go() {
  GOWORK=off GOFLAGS="-mod=readonly -buildvcs=false" CGO_ENABLED=0 go "$@"
}

# _xp_module_dir MODULE@VERSION: downloads one module version (with a bounded
# number of retries) and prints its directory in the module cache.
_xp_module_dir() {
  local spec="$1" json="" dir="" attempt
  for attempt in 1 2 3; do
    if json="$(cd / && _xp_go mod download -json "$spec" 2>&1)"; then
      break
    fi
    # A refused or missing version does not get better by retrying.
    if printf '%s' "$json" | grep -qE '403|404|410|not available|not found|invalid version'; then
      break
    fi
    [ "$attempt" -lt 3 ] && sleep $((attempt * 5))
  done
  dir="$(printf '%s\n' "$json" | sed -n 's/^[[:space:]]*"Dir": "\(.*\)",\{0,1\}$/\1/p' | head -n 1)"
  if [ -z "$dir" ] || [ ! -d "$dir" ]; then
    local err
    err="$(printf '%s\n' "$json" | sed -n 's/^[[:space:]]*"Error": "\(.*\)",\{0,1\}$/\1/p' | head -n 1)"
    echo "${err:-$json}" >&2
    return 1
  fi
  printf '%s\n' "$dir"
}

# _xp_build_tool NAME MODULE VERSION PACKAGE OUT [LDFLAGS]: builds PACKAGE
# (relative to the module root) of MODULE@VERSION into the file OUT.
_xp_build_tool() {
  local name="$1" module="$2" version="$3" pkg="$4" out="$5" ldflags="${6:-}"
  _xp_need_go || return 1
  _xp_log "building $name $version from $module (the first time takes a few minutes) ..."
  local dir
  if ! dir="$(_xp_module_dir "$module@$version")"; then
    _xp_log "cannot download $module@$version from the Go module proxy (see the error above)."
    return 1
  fi
  mkdir -p "$(dirname "$out")" || return 1
  local started=$SECONDS tmp="$out.tmp.$$"
  if ! (cd "$dir" && _xp_go build -trimpath -ldflags="-s -w $ldflags" -o "$tmp" "$pkg") >&2; then
    rm -f "$tmp"
    _xp_log "building $name $version failed (see the Go errors above)."
    return 1
  fi
  mv -f "$tmp" "$out" || return 1
  _xp_log "built $name $version in $((SECONDS - started)) s: $out"
}

# --- Crossplane CLI ---------------------------------------------------------

ensure_crossplane_cli() {
  local version="$MESHIFI_CROSSPLANE_VERSION"
  local bin="$MESHIFI_CACHE/go-tools/crossplane-$version/bin/crossplane"
  if [ ! -x "$bin" ]; then
    _xp_build_tool "the Crossplane CLI" "$MESHIFI_CROSSPLANE_MODULE" "$version" ./cmd/crank "$bin" \
      "-X $MESHIFI_CROSSPLANE_MODULE/internal/version.version=$version" || return 1
  fi
  if ! "$bin" render --help >/dev/null 2>&1 || ! "$bin" beta validate --help >/dev/null 2>&1; then
    _xp_log "$bin does not run 'render' and 'beta validate': delete $(dirname "$bin") and try again."
    return 1
  fi
  CROSSPLANE_BIN="$bin"
  export CROSSPLANE_BIN
  printf '%s\n' "$bin"
}

# --- function-auto-ready ----------------------------------------------------

# Run it for `crossplane render` with:
#   "$FUNCTION_AUTO_READY_BIN" --insecure --address=localhost:PORT
# and annotate the Function manifest with
#   render.crossplane.io/runtime: Development
#   render.crossplane.io/runtime-development-target: localhost:PORT
ensure_function_auto_ready() {
  local version="$MESHIFI_FUNCTION_AUTO_READY_VERSION"
  local bin="$MESHIFI_CACHE/go-tools/function-auto-ready-$version/bin/function-auto-ready"
  if [ ! -x "$bin" ]; then
    _xp_build_tool "function-auto-ready" "$MESHIFI_FUNCTION_AUTO_READY_MODULE" "$version" . "$bin" || return 1
  fi
  if ! "$bin" --help >/dev/null 2>&1; then
    _xp_log "$bin does not run: delete $(dirname "$bin") and try again."
    return 1
  fi
  FUNCTION_AUTO_READY_BIN="$bin"
  export FUNCTION_AUTO_READY_BIN
  printf '%s\n' "$bin"
}

# --- Crossplane core CRDs ---------------------------------------------------

# Also prepares CROSSPLANE_VALIDATE_CACHE_DIR: a `crossplane beta validate`
# schema cache that already holds these CRDs, so that validate does not try to
# download the Crossplane package image (see crossplane_validate).
ensure_crossplane_crds() {
  local version="$MESHIFI_CROSSPLANE_CRDS_VERSION"
  local root="$MESHIFI_CACHE/go-tools/crossplane-$version"
  local crds="$root/crds"
  local validate_image="meshifi.invalid/crossplane-crds:$version"
  local validate_cache="$root/validate-cache"
  local validate_seed="$validate_cache/${validate_image/:/@}"
  if [ ! -f "$crds/.complete" ]; then
    _xp_need_go || return 1
    _xp_log "fetching the Crossplane $version CRDs ..."
    local dir
    if ! dir="$(_xp_module_dir "$MESHIFI_CROSSPLANE_MODULE@$version")"; then
      _xp_log "cannot download $MESHIFI_CROSSPLANE_MODULE@$version from the Go module proxy (see the error above)."
      return 1
    fi
    if ! ls "$dir"/cluster/crds/*.yaml >/dev/null 2>&1; then
      _xp_log "$MESHIFI_CROSSPLANE_MODULE@$version has no cluster/crds/*.yaml."
      return 1
    fi
    rm -rf "$crds" "$validate_cache"
    mkdir -p "$crds" "$validate_seed" || return 1
    cp "$dir"/cluster/crds/*.yaml "$crds"/ || return 1
    cp "$dir"/cluster/crds/*.yaml "$validate_seed"/ || return 1
    chmod -R u+w "$crds" "$validate_cache"
    touch "$crds/.complete"
    _xp_log "copied $(find "$crds" -name '*.yaml' | wc -l) Crossplane CRDs to $crds"
  fi
  CROSSPLANE_CRDS_DIR="$crds"
  CROSSPLANE_VALIDATE_CACHE_DIR="$validate_cache"
  CROSSPLANE_VALIDATE_IMAGE="$validate_image"
  export CROSSPLANE_CRDS_DIR CROSSPLANE_VALIDATE_CACHE_DIR CROSSPLANE_VALIDATE_IMAGE
  printf '%s\n' "$crds"
}

# crossplane_validate EXTENSIONS RESOURCES [FLAGS...]: `crossplane beta
# validate` without network access. Extensions that are CRDs, XRDs or files
# and folders of them are read locally. validate always adds the Crossplane
# package image to its dependencies and downloads it unless its schema cache
# has it; this points it at a cache seeded by ensure_crossplane_crds. Provider,
# Function or Configuration packages among the extensions would still be
# downloaded, so give their CRDs as files instead.
crossplane_validate() {
  ensure_crossplane_cli >/dev/null || return 1
  ensure_crossplane_crds >/dev/null || return 1
  "$CROSSPLANE_BIN" beta validate \
    --cache-dir="$CROSSPLANE_VALIDATE_CACHE_DIR" \
    --crossplane-image="$CROSSPLANE_VALIDATE_IMAGE" \
    "$@"
}

# --- Upbound GCP provider CRDs ----------------------------------------------

# Needs Node and the repository's node_modules (the yaml package).
ensure_gcp_provider_crds() {
  local version="$MESHIFI_PROVIDER_GCP_VERSION"
  local out="$MESHIFI_CACHE/go-tools/provider-gcp-$version-namespaced/crds"
  if [ ! -f "$out/.complete" ]; then
    _xp_need_go || return 1
    _xp_log "fetching the GCP provider $version CRDs ..."
    local dir
    if ! dir="$(_xp_module_dir "$MESHIFI_PROVIDER_GCP_MODULE@$version")"; then
      _xp_log "cannot download $MESHIFI_PROVIDER_GCP_MODULE@$version from the Go module proxy (see the error above)."
      return 1
    fi
    rm -rf "$out"
    # shellcheck disable=SC2086
    if ! (cd "$MESHIFI_ROOT" && node scripts/lib/namespaced-gcp-crds.js "$dir/package/crds" "$out" $MESHIFI_GCP_CRD_FILES); then
      rm -rf "$out"
      _xp_log "cannot derive the namespaced GCP CRDs from $dir/package/crds (see the error above)."
      return 1
    fi
    touch "$out/.complete"
    _xp_log "derived $(find "$out" -name '*.yaml' | wc -l) namespaced GCP provider CRDs into $out"
  fi
  GCP_CRDS_DIR="$out"
  GCP_CRDS_VERSION="$version"
  export GCP_CRDS_DIR GCP_CRDS_VERSION
  printf '%s\n' "$GCP_CRDS_DIR"
}
