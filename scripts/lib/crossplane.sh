# shellcheck shell=bash
# Crossplane on a local control plane (see kubernetes.sh): the CRDs, Crossplane
# core, the two composition functions meshifi's Compositions call, and
# meshifi's own APIs (XRDs and Compositions).
#
#   install_meshifi_crds      Crossplane core CRDs + namespaced GCP provider
#                             CRDs (+ provider-http's, when beside the
#                             repository) into $KUBECONFIG's API server
#   start_crossplane DIR      function-meshifi + function-auto-ready (mTLS, on
#                             127.0.0.1) and Crossplane core for DIR's API server
#   stop_crossplane DIR
#   install_meshifi_apis      meshifi's XRDs and Compositions; waits for the XR CRDs
#
# How Crossplane reaches the functions without a package manager or a cluster
# network: Crossplane calls a Function at the status.endpoint of the active
# FunctionRevision labelled pkg.crossplane.io/package=NAME, with mTLS, and
# only needs the revision's status.capabilities to include "composition".
# start_crossplane creates such a FunctionRevision per function, paused
# (crossplane.io/paused), so that the package manager does not try to pull
# its image, sets its status by hand to the local endpoint, and runs Crossplane
# with --package-runtime=External so that nothing tries to deploy it.

# shellcheck source=kubernetes.sh
source "$(dirname "${BASH_SOURCE[0]}")/kubernetes.sh"
# shellcheck source=crossplane-tools.sh
source "$(dirname "${BASH_SOURCE[0]}")/crossplane-tools.sh"
# shellcheck source=bundles.sh
source "$(dirname "${BASH_SOURCE[0]}")/bundles.sh"

# The CRDs of Crossplane's provider-http (namespaced, http.m.crossplane.io),
# whose Requests the Fivetran capability composes: the real ones, kept beside
# the repository (the Go module proxy does not serve this provider). Without
# them the control plane runs, and a product with Fivetran connections cannot
# be composed.
MESHIFI_PROVIDER_HTTP_CRDS="${MESHIFI_PROVIDER_HTTP_CRDS:-$MESHIFI_ROOT/../shared/crds/provider-http-v1.0.14}"

# Crossplane's XR circuit breaker allows an XR this many watch events at once
# (then one a second). The stand-in provider makes a product's ten resources
# Ready in the same instant, and that burst of status updates, with
# Crossplane's own writes, trips the default of 100: the event that would make
# the XR Ready is dropped and it turns Ready about a minute late (crossplane.log:
# "Circuit breaker is open"). yarn bench time-to-product measures both.
MESHIFI_CROSSPLANE_CIRCUIT_BREAKER_BURST="${MESHIFI_CROSSPLANE_CIRCUIT_BREAKER_BURST:-1000}"

install_meshifi_crds() {
  local started http_crds=() http_note=""
  started="$(clock_now)"
  ensure_crossplane_crds >/dev/null || return 1
  if [ ! -f "$(gcp_provider_crds_dir)/.complete" ]; then
    ensure_node || return 1
  fi
  ensure_gcp_provider_crds >/dev/null || return 1
  if ls "$MESHIFI_PROVIDER_HTTP_CRDS"/*.yaml >/dev/null 2>&1; then
    http_crds=("$MESHIFI_PROVIDER_HTTP_CRDS"/*.yaml)
    http_note=" and provider-http's"
  else
    say "no provider-http CRDs in $MESHIFI_PROVIDER_HTTP_CRDS (MESHIFI_PROVIDER_HTTP_CRDS): products with Fivetran connections compose Requests this cluster cannot hold."
  fi
  # Server-side: some CRDs are too large for the last-applied annotation.
  if ! run_kubectl apply --server-side --force-conflicts -f "$CROSSPLANE_CRDS_DIR" -f "$GCP_CRDS_DIR" \
    "${http_crds[@]/#/--filename=}" >/dev/null; then
    say "cannot apply the CRDs of $CROSSPLANE_CRDS_DIR, $GCP_CRDS_DIR and ${MESHIFI_PROVIDER_HTTP_CRDS}."
    return 1
  fi
  # shellcheck disable=SC2046 # one argument a name
  _wait_established 60 crd $(_manifest_names "$CROSSPLANE_CRDS_DIR"/*.yaml "$GCP_CRDS_DIR"/*.yaml "${http_crds[@]}") || return 1
  say "installed the Crossplane $MESHIFI_CROSSPLANE_CRDS_VERSION, GCP provider $GCP_CRDS_VERSION (namespaced)$http_note CRDs in $(seconds_since "$started") s"
}

# start_crossplane DIR: idempotent. Install the CRDs first
# (install_meshifi_crds), and then the APIs (install_meshifi_apis).
start_crossplane() {
  check_usage "start_crossplane DIR" "$@" || return 1
  local dir started ports
  started="$(clock_now)"
  dir="$(running_control_plane_dir "$1")" || return 1
  export KUBECONFIG="$dir/kubeconfig"
  if _crossplane_runs "$dir"; then
    say "Crossplane already runs in $dir."
    return 0
  fi
  stop_crossplane "$dir" 2>/dev/null || true
  ensure_crossplane_core >/dev/null && ensure_function_auto_ready >/dev/null &&
    ensure_node && ensure_function_bundle || return 1
  if ! run_kubectl get crd functionrevisions.pkg.crossplane.io >/dev/null 2>&1; then
    say "the Crossplane CRDs are not installed: run install_meshifi_crds first."
    return 1
  fi
  ports="$(free_ports 4)" || return 1
  local function_port ready_port metrics_port health_port
  read -r function_port ready_port metrics_port health_port <<<"$ports"
  if ! _start_functions "$dir" "$function_port" "$ready_port" ||
    ! _start_crossplane_core "$dir" "$metrics_port" "$health_port"; then
    stop_crossplane "$dir" 2>/dev/null
    return 1
  fi
  say "Crossplane $MESHIFI_CROSSPLANE_VERSION runs with function-meshifi on 127.0.0.1:$function_port and function-auto-ready $MESHIFI_FUNCTION_AUTO_READY_VERSION on 127.0.0.1:$ready_port ($(seconds_since "$started") s; logs in $dir/logs)"
}

_crossplane_runs() {
  process_alive "$1/run/crossplane.pid" && process_alive "$1/run/function-meshifi.pid" &&
    process_alive "$1/run/function-auto-ready.pid"
}

# _start_functions DIR FUNCTION_PORT READY_PORT: function-meshifi and
# function-auto-ready with the functions' serving certificate, and a
# FunctionRevision for each that points Crossplane at it.
_start_functions() {
  local dir="$1" function_port="$2" ready_port="$3" certs="$1/pki/functions"
  start_daemon "$dir/run/function-meshifi.pid" "$dir/logs/function-meshifi.log" \
    node "$MESHIFI_FUNCTION_JS" --tls-server-certs-dir="$certs" --address="127.0.0.1:$function_port" &&
    start_daemon "$dir/run/function-auto-ready.pid" "$dir/logs/function-auto-ready.log" \
      "$FUNCTION_AUTO_READY_BIN" --tls-certs-dir="$certs" --address="127.0.0.1:$ready_port" &&
    wait_for_port function-meshifi "$function_port" "$dir/run/function-meshifi.pid" "$dir/logs/function-meshifi.log" &&
    wait_for_port function-auto-ready "$ready_port" "$dir/run/function-auto-ready.pid" "$dir/logs/function-auto-ready.log" ||
    return 1
  run_kubectl create namespace crossplane-system --dry-run=client -o yaml | run_kubectl apply -f - >/dev/null &&
    _function_revision function-meshifi "127.0.0.1:$function_port" &&
    _function_revision function-auto-ready "127.0.0.1:$ready_port" && return 0
  say "cannot create the FunctionRevisions of the local functions."
  return 1
}

# _function_revision NAME ENDPOINT: a paused, active FunctionRevision of the
# function NAME whose status points Crossplane at ENDPOINT.
_function_revision() {
  local name="$1" endpoint="$2"
  run_kubectl apply -f - >/dev/null <<EOF || return 1
apiVersion: pkg.crossplane.io/v1
kind: FunctionRevision
metadata:
  name: $name-local
  labels:
    pkg.crossplane.io/package: $name
  annotations:
    # The package manager leaves a paused revision alone: it does not try to
    # pull the (unreachable) package image or rewrite the status below.
    crossplane.io/paused: "true"
    meshifi.io/note: served by a local process, see scripts/lib/crossplane.sh
spec:
  desiredState: Active
  image: meshifi.invalid/$name:local
  revision: 1
  ignoreCrossplaneConstraints: true
  skipDependencyResolution: true
EOF
  run_kubectl patch functionrevision "$name-local" --subresource=status --type=merge \
    -p "{\"status\":{\"endpoint\":\"$endpoint\",\"capabilities\":[\"composition\"]}}" >/dev/null
}

# _start_crossplane_core DIR METRICS_PORT HEALTH_PORT: its metrics and health
# servers listen on all addresses (Crossplane has only port flags for them):
# they get free ports. No webhooks (they would need the API server to call
# back), no package runtime. MESHIFI_CROSSPLANE_DEBUG=true adds --debug;
# MESHIFI_CROSSPLANE_ARGS adds flags.
_start_crossplane_core() {
  local dir="$1" metrics_port="$2" health_port="$3"
  local args=(core start
    --namespace=crossplane-system
    --enable-webhooks=false
    --package-runtime=External
    --tls-client-certs-dir="$dir/pki/crossplane"
    --xpkg-cache-dir="$dir/crossplane/xpkg-cache"
    --xfn-cache-dir="$dir/crossplane/xfn-cache"
    --metrics-port="$metrics_port"
    --health-probe-port="$health_port"
    --circuit-breaker-burst="$MESHIFI_CROSSPLANE_CIRCUIT_BREAKER_BURST")
  [ "${MESHIFI_CROSSPLANE_DEBUG:-}" = true ] && args+=(--debug)
  mkdir -p "$dir/crossplane/xpkg-cache" "$dir/crossplane/xfn-cache" || return 1
  # shellcheck disable=SC2086 # MESHIFI_CROSSPLANE_ARGS is a list of flags
  start_daemon "$dir/run/crossplane.pid" "$dir/logs/crossplane.log" \
    env KUBECONFIG="$dir/kubeconfig" POD_NAMESPACE=crossplane-system \
    "$CROSSPLANE_CORE_BIN" "${args[@]}" ${MESHIFI_CROSSPLANE_ARGS:-} &&
    wait_for_port "Crossplane core" "$health_port" "$dir/run/crossplane.pid" "$dir/logs/crossplane.log"
}

stop_crossplane() {
  check_usage "stop_crossplane DIR" "$@" || return 1
  local dir="$1" stopped=0
  [ -d "$dir/run" ] || return 0
  stop_daemon "$dir/run/crossplane.pid" "Crossplane core" || stopped=1
  stop_daemon "$dir/run/function-meshifi.pid" function-meshifi || stopped=1
  stop_daemon "$dir/run/function-auto-ready.pid" function-auto-ready || stopped=1
  return "$stopped"
}

# install_meshifi_apis: crossplane/apis into $KUBECONFIG's API server. An XRD
# is established once Crossplane has made its CRD and watches the XRs: needs
# start_crossplane.
install_meshifi_apis() {
  local started apis="$MESHIFI_ROOT/crossplane/apis" file definitions=() compositions=() xrds
  started="$(clock_now)"
  for file in "$apis"/*/definition.yaml; do definitions+=(-f "$file"); done
  for file in "$apis"/*/composition.yaml; do compositions+=(-f "$file"); done
  if ! run_kubectl apply "${definitions[@]}" >/dev/null || ! run_kubectl apply "${compositions[@]}" >/dev/null; then
    say "cannot apply the XRDs and Compositions of $apis."
    return 1
  fi
  mapfile -t xrds < <(_manifest_names "$apis"/*/definition.yaml)
  if ! _wait_established 60 crd "${xrds[@]}" || ! _wait_established 30 xrd "${xrds[@]}"; then
    say "Crossplane did not make the XR CRDs: is it running (start_crossplane)? See its log."
    return 1
  fi
  say "installed the meshifi XRDs and Compositions in $(seconds_since "$started") s"
}

# _manifest_names FILE...: the metadata.name of each (one-document) manifest.
_manifest_names() {
  local file
  for file in "$@"; do
    awk '/^metadata:/ { m = 1; next } m && /^  name:/ { print $2; exit } /^[^ ]/ { m = 0 }' "$file"
  done
}

# _wait_established SECONDS KIND NAME...: until the objects (CRDs or XRDs)
# exist and have the condition Established; names those that do not.
_wait_established() {
  local seconds="$1" kind="$2"
  shift 2
  _NOT_ESTABLISHED=""
  wait_until "$seconds" 0.2 "the ${kind}s to be established" _established "$kind" "$@" && return 0
  say "not established ($kind):$_NOT_ESTABLISHED"
  return 1
}

# _established KIND NAME...: one list request for all of them; the missing
# ones in _NOT_ESTABLISHED.
_established() {
  local kind="$1" name listed
  shift
  listed=" $(run_kubectl get "$kind" -o jsonpath='{range .items[*]}{.metadata.name}={.status.conditions[?(@.type=="Established")].status}{" "}{end}' 2>/dev/null) "
  _NOT_ESTABLISHED=""
  for name in "$@"; do
    case "$listed" in *" $name=True "*) ;; *) _NOT_ESTABLISHED="$_NOT_ESTABLISHED $name" ;; esac
  done
  [ -z "$_NOT_ESTABLISHED" ]
}
