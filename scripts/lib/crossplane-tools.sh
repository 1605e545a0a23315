# shellcheck shell=bash
# The Crossplane programs and schemas meshifi's tests and local control plane
# use, built or fetched once from the Go module proxy into the meshifi cache
# folder ($MESHIFI_CACHE/go-tools/...) and reused after:
#
#   ensure_crossplane_cli        -> CROSSPLANE_BIN (the `crossplane` CLI)
#   ensure_crossplane_core       -> CROSSPLANE_CORE_BIN (`crossplane core start`)
#   ensure_function_auto_ready   -> FUNCTION_AUTO_READY_BIN (a local gRPC function)
#   ensure_crossplane_crds       -> CROSSPLANE_CRDS_DIR (Crossplane core CRDs)
#   ensure_gcp_provider_crds     -> GCP_CRDS_DIR (namespaced Upbound GCP CRDs, derived)
#   crossplane_validate EXT RES  -> `crossplane beta validate`, fully offline
#
# Each ensure_* function says its progress on stderr, exports its variable,
# prints the path on stdout and returns non-zero with a message on failure.
# Only the `go` command is needed (see go-build.sh).

# shellcheck source=go-build.sh
source "$(dirname "${BASH_SOURCE[0]}")/go-build.sh"

# --- Pinned versions --------------------------------------------------------

# Crossplane: the CLI (render, beta validate) and core. v2.2.1 is the newest
# release whose module still contains the CLI (cmd/crank): from v2.3.0 on the
# CLI moved to its own module (github.com/crossplane/cli/v2), of which the
# proxy serves no version, and the core module (v2.3.x, v2.4.x are served)
# only has the server.
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
bigquery.gcp.upbound.io_tables.yaml
cloudplatform.gcp.upbound.io_serviceaccounts.yaml
cloudplatform.gcp.upbound.io_serviceaccountiammembers.yaml
cloudplatform.gcp.upbound.io_projectiammembers.yaml
gcp.upbound.io_providerconfigs.yaml"

# --- Programs ---------------------------------------------------------------

ensure_crossplane_cli() {
  _ensure_crossplane_binary CROSSPLANE_BIN crossplane ./cmd/crank "the Crossplane CLI" render --help &&
    _ensure_crossplane_binary CROSSPLANE_BIN crossplane ./cmd/crank "the Crossplane CLI" beta validate --help || return 1
  printf '%s\n' "$CROSSPLANE_BIN"
}

ensure_crossplane_core() {
  _ensure_crossplane_binary CROSSPLANE_CORE_BIN crossplane-core ./cmd/crossplane "Crossplane core" core start --help ||
    return 1
  printf '%s\n' "$CROSSPLANE_CORE_BIN"
}

# _ensure_crossplane_binary VARIABLE NAME PACKAGE WHAT CHECK...: builds
# PACKAGE of the Crossplane module as NAME when missing, checks that
# `NAME CHECK...` runs, and exports its path as VARIABLE.
_ensure_crossplane_binary() {
  local variable="$1" name="$2" package="$3" what="$4" version="$MESHIFI_CROSSPLANE_VERSION"
  shift 4
  local bin="$MESHIFI_CACHE/go-tools/crossplane-$version/bin"
  if [ ! -x "$bin/$name" ]; then
    go_build "$what" "$MESHIFI_CROSSPLANE_MODULE" "$version" "" \
      "-X $MESHIFI_CROSSPLANE_MODULE/internal/version.version=$version" "$bin" "$package=$name" || return 1
  fi
  if ! "$bin/$name" "$@" >/dev/null 2>&1; then
    say "$bin/$name does not run '$*': delete it and try again."
    return 1
  fi
  export "$variable=$bin/$name"
}

# Run it for `crossplane render` with:
#   "$FUNCTION_AUTO_READY_BIN" --insecure --address=localhost:PORT
# and annotate the Function manifest with
#   render.crossplane.io/runtime: Development
#   render.crossplane.io/runtime-development-target: localhost:PORT
ensure_function_auto_ready() {
  local version="$MESHIFI_FUNCTION_AUTO_READY_VERSION"
  local bin="$MESHIFI_CACHE/go-tools/function-auto-ready-$version/bin"
  if [ ! -x "$bin/function-auto-ready" ]; then
    go_build function-auto-ready "$MESHIFI_FUNCTION_AUTO_READY_MODULE" "$version" "" "" "$bin" \
      .=function-auto-ready || return 1
  fi
  if ! "$bin/function-auto-ready" --help >/dev/null 2>&1; then
    say "$bin/function-auto-ready does not run: delete $bin and try again."
    return 1
  fi
  export FUNCTION_AUTO_READY_BIN="$bin/function-auto-ready"
  printf '%s\n' "$FUNCTION_AUTO_READY_BIN"
}

# --- Schemas ----------------------------------------------------------------

# Also prepares CROSSPLANE_VALIDATE_CACHE_DIR: a `crossplane beta validate`
# schema cache that already holds these CRDs, so that validate does not try to
# download the Crossplane package image (see crossplane_validate).
ensure_crossplane_crds() {
  local version="$MESHIFI_CROSSPLANE_CRDS_VERSION"
  local root="$MESHIFI_CACHE/go-tools/crossplane-$version"
  local crds="$root/crds" image="meshifi.invalid/crossplane-crds:$version"
  local validate_cache="$root/validate-cache"
  if [ ! -f "$crds/.complete" ]; then
    local module_dir seed="$validate_cache/${image/:/@}"
    module_dir="$(_fetch_module "the Crossplane $version CRDs" "$MESHIFI_CROSSPLANE_MODULE@$version")" || return 1
    if ! ls "$module_dir"/cluster/crds/*.yaml >/dev/null 2>&1; then
      say "$MESHIFI_CROSSPLANE_MODULE@$version has no cluster/crds/*.yaml."
      return 1
    fi
    rm -rf "$crds" "$validate_cache"
    mkdir -p "$crds" "$seed" || return 1
    cp "$module_dir"/cluster/crds/*.yaml "$crds"/ && cp "$module_dir"/cluster/crds/*.yaml "$seed"/ || return 1
    chmod -R u+w "$crds" "$validate_cache"
    touch "$crds/.complete"
    say "copied $(find "$crds" -name '*.yaml' | wc -l) Crossplane CRDs to $crds"
  fi
  export CROSSPLANE_CRDS_DIR="$crds" CROSSPLANE_VALIDATE_CACHE_DIR="$validate_cache" CROSSPLANE_VALIDATE_IMAGE="$image"
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

# Where the derived CRDs are kept: named after the provider version and the
# derivation's revision, so that a changed namespaced-gcp-crds.js or list of
# files derives them again instead of reusing the cache.
MESHIFI_GCP_CRDS_DERIVATION=3
gcp_provider_crds_dir() {
  printf '%s\n' "$MESHIFI_CACHE/go-tools/provider-gcp-$MESHIFI_PROVIDER_GCP_VERSION-namespaced-$MESHIFI_GCP_CRDS_DERIVATION/crds"
}

# Needs Node and the repository's node_modules (the yaml package).
ensure_gcp_provider_crds() {
  local version="$MESHIFI_PROVIDER_GCP_VERSION"
  local out
  out="$(gcp_provider_crds_dir)"
  if [ ! -f "$out/.complete" ]; then
    local module_dir
    module_dir="$(_fetch_module "the GCP provider $version CRDs" "$MESHIFI_PROVIDER_GCP_MODULE@$version")" || return 1
    rm -rf "$out"
    # shellcheck disable=SC2086 # one argument a file name
    if ! (cd "$MESHIFI_ROOT" && node scripts/lib/namespaced-gcp-crds.js "$module_dir/package/crds" "$out" $MESHIFI_GCP_CRD_FILES); then
      rm -rf "$out"
      say "cannot derive the namespaced GCP CRDs from $module_dir/package/crds (see the error above)."
      return 1
    fi
    touch "$out/.complete"
    say "derived $(find "$out" -name '*.yaml' | wc -l) namespaced GCP provider CRDs into $out"
  fi
  export GCP_CRDS_DIR="$out" GCP_CRDS_VERSION="$version"
  printf '%s\n' "$GCP_CRDS_DIR"
}

# _fetch_module WHAT MODULE@VERSION: downloads a module for the files it
# ships (WHAT, for the messages) and prints its folder.
_fetch_module() {
  local what="$1" spec="$2"
  need_go || return 1
  say "fetching $what ..."
  go_module_dir "$spec" && return 0
  say "cannot download $spec from the Go module proxy (see the error above)."
  return 1
}
