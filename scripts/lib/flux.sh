# shellcheck shell=bash
# Flux (https://fluxcd.io) on a local control plane: its source-controller and
# kustomize-controller, built once from the Go module proxy into the meshifi
# cache folder, run out of cluster against the local API server, as Crossplane
# core runs (see crossplane.sh). They apply the GitOps repository to the
# cluster the way a platform cluster's Flux does.
#
#   ensure_flux_controllers  -> FLUX_SOURCE_CONTROLLER_BIN and
#                               FLUX_KUSTOMIZE_CONTROLLER_BIN; prints their folder
#   ensure_flux_crds         -> FLUX_CRDS_DIR (GitRepository, Kustomization, ...)
#   start_flux DIR REPOSITORY
#       installs the Flux CRDs, serves REPOSITORY (a local bare repository; an
#       http(s) URL is used as it is) read-only over git's smart HTTP on
#       127.0.0.1 (tools/git-http-server), starts both controllers for DIR's
#       API server (loopback only; logs in DIR/logs, pids in DIR/run) and
#       applies the Flux objects a platform cluster gets, deploy/flux (see
#       deploy/README.md), pointed at it: GitRepositories split by
#       spec.ignore, Kustomizations meshifi-domains (never pruned, waits for
#       the DataDomains to be Ready) and meshifi-products (the products of no
#       domain, after the domains, pruned), applied as a ServiceAccount
#       allowed DataDomains and DataProducts only. Each DataDomain composes the
#       source and Kustomization of its own products (crossplane/README.md).
#       Idempotent: running controllers on the same repository are kept.
#   stop_flux DIR
#
# A broken product file makes its domain's Kustomization not Ready, its
# condition naming the file, and holds back that domain's product changes
# until it is fixed (Flux builds a Kustomization as a whole); other domains
# keep being applied.
#
# Why v1.9.6: v1.10.x need a newer Go than the supported one and dependency
# versions the module proxy refuses; v1.9.6 builds with its own go.mod, its
# local replace (./api, left out of the module zip) turned into the published
# api module it requires anyway.

# shellcheck source=go-build.sh
source "$(dirname "${BASH_SOURCE[0]}")/go-build.sh"
# shellcheck source=crossplane.sh
source "$(dirname "${BASH_SOURCE[0]}")/crossplane.sh"
# shellcheck source=tool-daemons.sh
source "$(dirname "${BASH_SOURCE[0]}")/tool-daemons.sh"

MESHIFI_FLUX_VERSION="${MESHIFI_FLUX_VERSION:-v1.9.6}"

# How often source-controller looks for a new commit, and how soon a failed
# apply is tried again (a Flux duration): a few seconds locally, where a
# commit should show at once. A new commit is applied as soon as it is seen;
# the Kustomizations re-apply everything (drift) every minute.
MESHIFI_FLUX_INTERVAL="${MESHIFI_FLUX_INTERVAL:-3s}"

flux_root() {
  echo "$MESHIFI_CACHE/go-tools/flux-$MESHIFI_FLUX_VERSION"
}

ensure_flux_controllers() {
  local bin name
  bin="$(flux_root)/bin"
  for name in source-controller kustomize-controller; do
    if [ ! -x "$bin/$name" ]; then
      _build_flux_controller "$name" "$bin" || return 1
    fi
    # controller-runtime's flags: --help lists them and exits 0 once the
    # binary and its flag set load.
    if ! "$bin/$name" --help >/dev/null 2>&1; then
      say "$bin/$name does not run: delete $bin and try again."
      return 1
    fi
  done
  export FLUX_SOURCE_CONTROLLER_BIN="$bin/source-controller" FLUX_KUSTOMIZE_CONTROLLER_BIN="$bin/kustomize-controller"
  printf '%s\n' "$bin"
}

# _build_flux_controller NAME BIN_DIR: the module's ./api replace goes (the
# required api version is the same release). source-controller v1.9.6 requires
# github.com/fluxcd/pkg/artifact v0.18.3, which the module proxy refuses:
# v0.18.0 has the same API for it.
_build_flux_controller() {
  local name="$1" bin="$2" edit='/^replace [^ ]* => \.\/api$/d'
  if [ "$name" = source-controller ]; then
    edit="$edit;\$a replace github.com/fluxcd/pkg/artifact => github.com/fluxcd/pkg/artifact v0.18.0"
  fi
  go_build "Flux $name" "github.com/fluxcd/$name" "$MESHIFI_FLUX_VERSION" "$edit" "" "$bin" ".=$name"
}

ensure_flux_crds() {
  local crds name module_dir
  crds="$(flux_root)/crds"
  if [ ! -f "$crds/.complete" ]; then
    need_go || return 1
    rm -rf "$crds" && mkdir -p "$crds" || return 1
    for name in source-controller kustomize-controller; do
      say "fetching the Flux $name $MESHIFI_FLUX_VERSION CRDs ..."
      if ! module_dir="$(go_module_dir "github.com/fluxcd/$name@$MESHIFI_FLUX_VERSION")"; then
        say "cannot download github.com/fluxcd/$name@$MESHIFI_FLUX_VERSION from the Go module proxy (see the error above)."
        return 1
      fi
      cp "$module_dir"/config/crd/bases/*.yaml "$crds"/ || return 1
    done
    chmod -R u+w "$crds" && touch "$crds/.complete" || return 1
    say "copied $(find "$crds" -name '*.yaml' | wc -l) Flux CRDs to $crds"
  fi
  export FLUX_CRDS_DIR="$crds"
  printf '%s\n' "$crds"
}

start_flux() {
  check_usage "start_flux DIR REPOSITORY" "$@" || return 1
  local dir repository started
  started="$(clock_now)"
  dir="$(running_control_plane_dir "$1")" && repository="$(_repository_location "$2")" || return 1
  export KUBECONFIG="$dir/kubeconfig"
  if _flux_runs "$dir" && [ "$(cat "$dir/run/flux.repository" 2>/dev/null)" = "$repository" ]; then
    say "Flux already runs in $dir."
    return 0
  fi
  stop_flux "$dir" 2>/dev/null || true
  ensure_flux_controllers >/dev/null && ensure_flux_crds >/dev/null || return 1
  _install_flux_crds || return 1
  local url="$repository"
  case "$repository" in
    *://*) ;;
    *)
      start_git_http_server "$dir" "$repository" || return 1
      url="$GIT_HTTP_SERVER_URL"
      ;;
  esac
  if ! _start_flux_controllers "$dir"; then
    stop_flux "$dir" 2>/dev/null
    return 1
  fi
  printf '%s\n' "$repository" >"$dir/run/flux.repository"
  _apply_flux_objects "$dir" "$url" || return 1
  say "Flux $MESHIFI_FLUX_VERSION applies $(repository_for_display "$repository"), looking for commits every $MESHIFI_FLUX_INTERVAL ($(seconds_since "$started") s; logs in $dir/logs)"
}

stop_flux() {
  check_usage "stop_flux DIR" "$@" || return 1
  local dir="$1" stopped=0
  [ -d "$dir/run" ] || return 0
  stop_daemon "$dir/run/kustomize-controller.pid" "Flux kustomize-controller" || stopped=1
  stop_daemon "$dir/run/source-controller.pid" "Flux source-controller" || stopped=1
  stop_git_http_server "$dir" || stopped=1
  rm -f "$dir/run/flux.repository"
  return "$stopped"
}

_flux_runs() {
  process_alive "$1/run/source-controller.pid" && process_alive "$1/run/kustomize-controller.pid" || return 1
  case "$(cat "$1/run/flux.repository" 2>/dev/null)" in
    *://*) ;;
    *) process_alive "$1/run/git-http-server.pid" || return 1 ;;
  esac
}

_install_flux_crds() {
  if ! run_kubectl apply --server-side --force-conflicts -f "$FLUX_CRDS_DIR" >/dev/null; then
    say "cannot apply the Flux CRDs of $FLUX_CRDS_DIR."
    return 1
  fi
  # shellcheck disable=SC2046 # one argument a name
  _wait_established 60 crd $(_manifest_names "$FLUX_CRDS_DIR"/*.yaml)
}

# _start_flux_controllers DIR: both read DIR's admin kubeconfig from
# KUBECONFIG (controller-runtime's lookup) and listen on 127.0.0.1 only:
# metrics, health, and source-controller's artifact server, from which
# kustomize-controller downloads what it applies. No leader election: one of
# each runs. --requeue-dependency: how soon meshifi-products looks again at
# domains that were not Ready yet (30 s by default).
_start_flux_controllers() {
  local dir="$1" ports storage source_metrics source_health kustomize_metrics kustomize_health
  ports="$(free_ports 5)" || return 1
  read -r storage source_metrics source_health kustomize_metrics kustomize_health <<<"$ports"
  mkdir -p "$dir/flux/storage" || return 1
  start_daemon "$dir/run/source-controller.pid" "$dir/logs/source-controller.log" \
    env KUBECONFIG="$dir/kubeconfig" RUNTIME_NAMESPACE=flux-system "$FLUX_SOURCE_CONTROLLER_BIN" \
    --enable-leader-election=false \
    --storage-path="$dir/flux/storage" \
    --storage-addr="127.0.0.1:$storage" \
    --storage-adv-addr="127.0.0.1:$storage" \
    --metrics-addr="127.0.0.1:$source_metrics" \
    --health-addr="127.0.0.1:$source_health" &&
    start_daemon "$dir/run/kustomize-controller.pid" "$dir/logs/kustomize-controller.log" \
      env KUBECONFIG="$dir/kubeconfig" RUNTIME_NAMESPACE=flux-system "$FLUX_KUSTOMIZE_CONTROLLER_BIN" \
      --enable-leader-election=false \
      --requeue-dependency=2s \
      --no-remote-bases=true \
      --metrics-addr="127.0.0.1:$kustomize_metrics" \
      --health-addr="127.0.0.1:$kustomize_health" &&
    wait_for_port "Flux source-controller" "$source_health" "$dir/run/source-controller.pid" "$dir/logs/source-controller.log" &&
    wait_for_port "Flux kustomize-controller" "$kustomize_health" "$dir/run/kustomize-controller.pid" "$dir/logs/kustomize-controller.log"
}

# _apply_flux_objects DIR URL: deploy/flux, the objects a platform cluster's
# Flux applies, with what differs locally patched in by kubectl's kustomize
# (in DIR/flux/objects): the repository's URL, no credentials (the local
# server needs none), and intervals of seconds, so that a commit shows at once.
_apply_flux_objects() {
  local dir="$1" url="$2" objects="$1/flux/objects" file
  rm -rf "$objects" && mkdir -p "$objects" || return 1
  for file in "$MESHIFI_ROOT"/deploy/flux/*.yaml; do
    cp "$file" "$objects/" || return 1
  done
  _flux_local_kustomization "$url" >"$objects/kustomization.yaml" || return 1
  run_kubectl create namespace flux-system --dry-run=client -o yaml | run_kubectl apply -f - >/dev/null &&
    run_kubectl apply -k "$objects" >/dev/null && return 0
  say "cannot apply meshifi's Flux objects (deploy/flux, patched in $objects)."
  return 1
}

# _flux_local_kustomization URL: a kustomization.yaml of deploy/flux's files,
# copied beside it. The URL is a YAML single-quoted string: its quotes doubled.
_flux_local_kustomization() {
  local quote="'" file
  local url="${1//$quote/$quote$quote}"
  echo "apiVersion: kustomize.config.k8s.io/v1beta1"
  echo "kind: Kustomization"
  echo "resources:"
  for file in "$MESHIFI_ROOT"/deploy/flux/*.yaml; do
    echo "  - ${file##*/}"
  done
  cat <<EOF
patches:
  - target:
      group: source.toolkit.fluxcd.io
      kind: GitRepository
    patch: |
      apiVersion: source.toolkit.fluxcd.io/v1
      kind: GitRepository
      metadata:
        name: any
      spec:
        url: '$url'
        interval: $MESHIFI_FLUX_INTERVAL
        secretRef: null
  - target:
      group: kustomize.toolkit.fluxcd.io
      kind: Kustomization
    patch: |
      apiVersion: kustomize.toolkit.fluxcd.io/v1
      kind: Kustomization
      metadata:
        name: any
      spec:
        interval: 1m
        retryInterval: $MESHIFI_FLUX_INTERVAL
        timeout: 2m
EOF
}
