# shellcheck shell=bash
# The Kubernetes part of a local control plane in a folder DIR: etcd,
# kube-apiserver and kube-controller-manager as daemons on 127.0.0.1 (see
# processes.sh), with DIR/pki's certificates (see pki.sh). Each step below is
# one daemon; start_control_plane (control-plane.sh) runs them in order.
#
#   control_plane_ports              -> "ETCD PEER API" ports for a new start
#   start_etcd DIR PORT PEER_PORT    etcd, its data in DIR/etcd
#   start_kube_apiserver DIR ETCD_PORT PORT
#                                    writes DIR/kubeconfig (admin); waits
#                                    until the API server is ready
#   start_controller_manager DIR     unless MESHIFI_KUBE_CONTROLLERS is empty
#   ensure_controller_manager DIR    starts it when it does not run
#   control_plane_running DIR        the API server runs and answers /readyz
#   running_control_plane_dir DIR    -> DIR made absolute, when that is so
#   restart_apiserver DIR            same command line (port, etcd) again
#   stop_kubernetes DIR              the three daemons, data kept
#   run_kubectl ARGS...              kubectl against $KUBECONFIG
#
# Set by the caller when a client must know the API server before it runs
# (the backend of `./meshifi start`, which starts first; see
# local-platform.sh): MESHIFI_KUBE_APISERVER_PORT (default: a free port) and
# MESHIFI_KUBE_TOKEN_AUTH_FILE, kube-apiserver's --token-auth-file (lines of
# token,user,uid,"group,..."; default: none).

# shellcheck source=processes.sh
source "$(dirname "${BASH_SOURCE[0]}")/processes.sh"
# shellcheck source=pki.sh
source "$(dirname "${BASH_SOURCE[0]}")/pki.sh"
# shellcheck source=kubernetes-binaries.sh
source "$(dirname "${BASH_SOURCE[0]}")/kubernetes-binaries.sh"

# The controllers kube-controller-manager runs: owner-reference garbage
# collection (deleting an XR deletes what it composed), namespace deletion,
# and ClusterRole aggregation (the rules of roles labelled for Crossplane's,
# such as meshifi's capabilities' role, gathered into it, as on a cluster).
# Set it to "" to run no kube-controller-manager.
MESHIFI_KUBE_CONTROLLERS="${MESHIFI_KUBE_CONTROLLERS-garbagecollector,namespace,clusterrole-aggregation}"

control_plane_ports() {
  local api="${MESHIFI_KUBE_APISERVER_PORT:-}" etcd="" peer="" ports
  if [ -z "$api" ]; then
    free_ports 3
    return
  fi
  if port_open "$api"; then
    say "something else listens on 127.0.0.1:$api, the API server's port (MESHIFI_KUBE_APISERVER_PORT): stop it, or start without a fixed port."
    return 1
  fi
  etcd="$api"
  while [ "$etcd" = "$api" ] || [ "$peer" = "$api" ]; do
    ports="$(free_ports 2)" || return 1
    read -r etcd peer <<<"$ports"
  done
  echo "$etcd $peer $api"
}

# start_etcd DIR PORT PEER_PORT: without fsync, which a throwaway cluster
# does not need.
start_etcd() {
  local dir="$1" port="$2" peer_port="$3" variable
  # etcd reads every ETCD_* environment variable as a flag (ETCD_BIN too).
  local without_etcd_variables=(env)
  for variable in $(compgen -e); do
    case "$variable" in ETCD_*) without_etcd_variables+=(-u "$variable") ;; esac
  done
  start_daemon "$dir/run/etcd.pid" "$dir/logs/etcd.log" "${without_etcd_variables[@]}" "$ETCD_BIN" \
    --name=meshifi --data-dir="$dir/etcd" \
    --listen-client-urls="http://127.0.0.1:$port" --advertise-client-urls="http://127.0.0.1:$port" \
    --listen-peer-urls="http://127.0.0.1:$peer_port" --initial-advertise-peer-urls="http://127.0.0.1:$peer_port" \
    --initial-cluster="meshifi=http://127.0.0.1:$peer_port" \
    --unsafe-no-fsync --log-level=warn || return 1
  wait_for_port etcd "$port" "$dir/run/etcd.pid" "$dir/logs/etcd.log"
}

start_kube_apiserver() {
  local dir="$1" etcd_port="$2" port="$3" pki="$1/pki" token_auth=()
  if [ -n "${MESHIFI_KUBE_TOKEN_AUTH_FILE:-}" ]; then
    token_auth=(--token-auth-file="$MESHIFI_KUBE_TOKEN_AUTH_FILE")
  fi
  start_daemon "$dir/run/kube-apiserver.pid" "$dir/logs/kube-apiserver.log" "$KUBE_APISERVER_BIN" \
    --etcd-servers="http://127.0.0.1:$etcd_port" \
    --bind-address=127.0.0.1 --advertise-address=127.0.0.1 --secure-port="$port" \
    --cert-dir="$dir/run/apiserver-certs" \
    --tls-cert-file="$pki/apiserver/tls.crt" --tls-private-key-file="$pki/apiserver/tls.key" \
    --client-ca-file="$pki/ca/ca.crt" \
    --service-account-issuer=https://kubernetes.default.svc.cluster.local \
    --service-account-key-file="$pki/sa.pub" --service-account-signing-key-file="$pki/sa.key" \
    --service-cluster-ip-range=10.0.0.0/24 \
    --authorization-mode=RBAC \
    --endpoint-reconciler-type=none \
    --enable-priority-and-fairness=false \
    --profiling=false \
    "${token_auth[@]}" \
    --v=1 || return 1
  write_kubeconfig "$dir/kubeconfig" "https://127.0.0.1:$port" "$pki/admin" meshifi-admin || return 1
  _wait_for_kube_apiserver "$dir" "kube-apiserver did not become ready"
}

# _wait_for_kube_apiserver DIR FAILURE: until it answers /readyz (two minutes).
_wait_for_kube_apiserver() {
  local dir="$1" failure="$2"
  wait_until 120 0.2 "kube-apiserver to be ready" \
    while_running "$dir/run/kube-apiserver.pid" _kube_apiserver_ready "$dir" ||
    say_with_log_tail "$dir/logs/kube-apiserver.log" "$failure"
}

# running_control_plane_dir DIR: DIR as an absolute path, when a control
# plane runs in it; otherwise says how to start one.
running_control_plane_dir() {
  local dir
  dir="$(absolute_dir "$1")" || return 1
  if ! control_plane_running "$dir"; then
    say "no control plane runs in $dir: run start_control_plane $dir first."
    return 1
  fi
  printf '%s\n' "$dir"
}

_kube_apiserver_ready() {
  [ "$("$KUBECTL_BIN" --kubeconfig "$1/kubeconfig" --request-timeout=5s get --raw /readyz 2>/dev/null)" = ok ]
}

control_plane_running() {
  local dir="$1"
  [ -f "$dir/kubeconfig" ] && process_alive "$dir/run/etcd.pid" && process_alive "$dir/run/kube-apiserver.pid" ||
    return 1
  [ -n "${KUBECTL_BIN:-}" ] || ensure_kubectl >/dev/null || return 1
  _kube_apiserver_ready "$dir"
}

# _kube_apiserver_flag DIR FLAG: the value of --FLAG=... on the command line
# of DIR's running kube-apiserver.
_kube_apiserver_flag() {
  local pid
  read -r pid _ <"$1/run/kube-apiserver.pid" || return 1
  tr '\0' '\n' <"/proc/$pid/cmdline" | sed -n "s/^--$2=//p"
}

start_controller_manager() {
  local dir="$1" port
  [ -n "$MESHIFI_KUBE_CONTROLLERS" ] || return 0
  port="$(_kube_apiserver_flag "$dir" secure-port)" && [ -n "$port" ] || return 1
  write_kubeconfig "$dir/run/controller-manager.kubeconfig" "https://127.0.0.1:$port" \
    "$dir/pki/controller-manager" kube-controller-manager || return 1
  start_daemon "$dir/run/kube-controller-manager.pid" "$dir/logs/kube-controller-manager.log" \
    "$KUBE_CONTROLLER_MANAGER_BIN" \
    --kubeconfig="$dir/run/controller-manager.kubeconfig" \
    --controllers="$MESHIFI_KUBE_CONTROLLERS" \
    --secure-port=0 --leader-elect=false --use-service-account-credentials=false \
    --v=1
}

# ensure_controller_manager DIR: a start stopped between the API server and
# the controller manager (a Ctrl-C of ./meshifi start) leaves it out, and
# without it nothing is garbage collected.
ensure_controller_manager() {
  local dir="$1"
  [ -n "$MESHIFI_KUBE_CONTROLLERS" ] || return 0
  process_alive "$dir/run/kube-controller-manager.pid" && return 0
  say "the controller manager of the control plane in $dir does not run: starting it."
  start_controller_manager "$dir"
}

# restart_apiserver DIR: as an upgrade or a crash would; waits until it is
# ready. Tests use it to check that watches recover.
restart_apiserver() {
  local dir pid command=()
  dir="$(absolute_dir "$1")" || return 1
  if ! process_alive "$dir/run/kube-apiserver.pid"; then
    say "no API server runs in $dir."
    return 1
  fi
  read -r pid _ <"$dir/run/kube-apiserver.pid"
  mapfile -d '' command <"/proc/$pid/cmdline" || return 1
  stop_daemon "$dir/run/kube-apiserver.pid" kube-apiserver || return 1
  start_daemon "$dir/run/kube-apiserver.pid" "$dir/logs/kube-apiserver.log" "${command[@]}" || return 1
  [ -n "${KUBECTL_BIN:-}" ] || ensure_kubectl >/dev/null || return 1
  _wait_for_kube_apiserver "$dir" "kube-apiserver did not come back"
}

stop_kubernetes() {
  local dir="$1" stopped=0
  stop_daemon "$dir/run/kube-controller-manager.pid" kube-controller-manager || stopped=1
  stop_daemon "$dir/run/kube-apiserver.pid" kube-apiserver || stopped=1
  stop_daemon "$dir/run/etcd.pid" etcd || stopped=1
  return "$stopped"
}

run_kubectl() {
  if [ -z "${KUBECONFIG:-}" ]; then
    say "KUBECONFIG is not set: run start_control_plane DIR first."
    return 1
  fi
  [ -n "${KUBECTL_BIN:-}" ] || ensure_kubectl >/dev/null || return 1
  "$KUBECTL_BIN" "$@"
}
