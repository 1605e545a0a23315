# shellcheck shell=bash
# A real Kubernetes control plane and real Crossplane core as local
# processes on 127.0.0.1, without containers or a cluster. Source this file
# for all of it; scripts/control-plane is its command line. The pieces, one
# concern a file:
#
#   kubernetes-binaries.sh  kube-apiserver, kubectl, kube-controller-manager
#                           and etcd, built once (go-build.sh)
#   crossplane-tools.sh     Crossplane core and CLI, function-auto-ready, CRDs
#   bundles.sh              the node programs (function-meshifi, tools/)
#   pki.sh                  the certificates
#   processes.sh            daemons, pid files, ports (wait.sh: wait_until)
#   kubernetes.sh           etcd, kube-apiserver, kube-controller-manager
#   crossplane.sh           the CRDs, Crossplane core, the functions, the APIs
#   tool-daemons.sh         the stand-in GCP provider, the read-only git HTTP
#                           server
#   flux.sh                 Flux's source- and kustomize-controller, applying
#                           the GitOps repository with deploy/flux's objects
#
# Here, what runs them in order:
#
#   start_control_plane DIR  etcd + kube-apiserver (+ a kube-controller-manager
#                            running only the garbage collector, the namespace
#                            controller and ClusterRole aggregation, see
#                            MESHIFI_KUBE_CONTROLLERS) on free
#                            ports; writes DIR/kubeconfig (admin) and exports
#                            KUBECONFIG. Idempotent: a running one is kept.
#   stop_control_plane DIR   stops everything started in DIR (Crossplane, the
#                            stand-in and Flux too)
#
# Call the start_* functions directly, not in $(...): they export KUBECONFIG.
# Everything a start leaves behind is in DIR: kubeconfig, pki/, logs/*.log,
# run/*.pid, etcd/ (the data, kept across stop/start: use a new DIR for an
# empty cluster), flux/ (source-controller's artifacts, the Flux objects applied).

# shellcheck source=kubernetes.sh
source "$(dirname "${BASH_SOURCE[0]}")/kubernetes.sh"
# shellcheck source=crossplane.sh
source "$(dirname "${BASH_SOURCE[0]}")/crossplane.sh"
# shellcheck source=tool-daemons.sh
source "$(dirname "${BASH_SOURCE[0]}")/tool-daemons.sh"
# shellcheck source=flux.sh
source "$(dirname "${BASH_SOURCE[0]}")/flux.sh"

start_control_plane() {
  check_usage "start_control_plane DIR" "$@" || return 1
  local dir started
  started="$(clock_now)"
  dir="$(absolute_dir "$1")" || return 1
  ensure_kube_apiserver >/dev/null && ensure_etcd >/dev/null || return 1
  if control_plane_running "$dir"; then
    export KUBECONFIG="$dir/kubeconfig"
    ensure_controller_manager "$dir" || return 1
    _stop_retired_sync_loop "$dir" || return 1
    say "the control plane in $dir already runs."
    return 0
  fi
  # Whatever is left of an earlier start.
  stop_control_plane "$dir" 2>/dev/null || true
  mkdir -p "$dir/logs" "$dir/run" && make_control_plane_pki "$dir" || return 1
  local ports etcd_port peer_port api_port
  ports="$(control_plane_ports)" || return 1
  read -r etcd_port peer_port api_port <<<"$ports"
  if ! start_etcd "$dir" "$etcd_port" "$peer_port" || ! start_kube_apiserver "$dir" "$etcd_port" "$api_port"; then
    stop_control_plane "$dir" 2>/dev/null
    return 1
  fi
  start_controller_manager "$dir" || return 1
  export KUBECONFIG="$dir/kubeconfig"
  say "Kubernetes $MESHIFI_KUBERNETES_VERSION API server ready on https://127.0.0.1:$api_port in $(seconds_since "$started") s (KUBECONFIG=$KUBECONFIG)"
}

# _stop_retired_sync_loop DIR: a control plane started by an older meshifi may
# still run its GitOps sync loop, which Flux replaced: two engines applying
# (and pruning) the same repository would undo each other.
_stop_retired_sync_loop() {
  [ -f "$1/run/gitops-sync.pid" ] || return 0
  stop_daemon "$1/run/gitops-sync.pid" "the GitOps sync loop of an older meshifi" &&
    rm -f "$1/run/gitops-sync.repository"
}

# stop_control_plane DIR: keeps DIR (its data, certificates and logs).
stop_control_plane() {
  check_usage "stop_control_plane DIR" "$@" || return 1
  local dir="$1" stopped=0
  [ -d "$dir" ] || return 0
  dir="$(cd "$dir" && pwd)"
  _stop_retired_sync_loop "$dir" || stopped=1
  stop_flux "$dir" || stopped=1
  stop_stand_in_provider "$dir" || stopped=1
  stop_crossplane "$dir" || stopped=1
  stop_kubernetes "$dir" || stopped=1
  if [ "${KUBECONFIG:-}" = "$dir/kubeconfig" ]; then
    unset KUBECONFIG
  fi
  return "$stopped"
}
