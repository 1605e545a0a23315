# shellcheck shell=bash
# Sourced by the meshifi scripts: a real Kubernetes control plane and real
# Crossplane core as local processes, without containers or a cluster:
#
#   ensure_kube_apiserver        -> KUBE_APISERVER_BIN, KUBECTL_BIN,
#                                   KUBE_CONTROLLER_MANAGER_BIN (built together)
#   ensure_kubectl               -> KUBECTL_BIN (same build)
#   ensure_etcd                  -> ETCD_BIN
#   ensure_crossplane_core       -> CROSSPLANE_CORE_BIN (`crossplane core start`)
#   start_control_plane DIR      etcd + kube-apiserver (+ a kube-controller-manager
#                                running only the garbage collector and the
#                                namespace controller) on 127.0.0.1, free ports;
#                                writes DIR/kubeconfig (admin) and exports KUBECONFIG
#                                (MESHIFI_KUBE_APISERVER_PORT, MESHIFI_KUBE_TOKEN_AUTH_FILE:
#                                see below)
#   stop_control_plane DIR       stops everything started in DIR (Crossplane, the
#                                stand-in and the GitOps sync loop too)
#   control_plane_running DIR    status: 0 when the API server in DIR answers /readyz
#   restart_apiserver DIR        restarts DIR's kube-apiserver (same port, same etcd)
#   install_meshifi_crds         Crossplane core CRDs + namespaced GCP provider CRDs
#   start_crossplane DIR         function-meshifi + function-auto-ready (mTLS, on
#                                127.0.0.1) and Crossplane core against DIR's API server
#   stop_crossplane DIR
#   install_meshifi_apis         meshifi's XRDs and Compositions; waits for the XR CRDs
#   ensure_local_tools_bundle    -> MESHIFI_STAND_IN_JS, MESHIFI_GITOPS_SYNC_JS (the
#                                node programs of tools/, bundled when sources changed)
#   start_stand_in_provider DIR  the stand-in for the Crossplane GCP provider
#                                (tools/gcp-provider-stand-in): makes meshifi's managed
#                                resources Ready as provider-gcp would, Google Cloud
#                                being out of reach
#   start_gitops_sync DIR URL    the GitOps sync loop (tools/gitops-sync): applies the
#                                GitOps repository at URL (http(s) or a local path)
#                                to DIR's API server, as Argo CD or Flux would
#   stop_stand_in_provider DIR, stop_gitops_sync DIR
#
# Call start_* directly, not in $(...): they export KUBECONFIG. Everything a
# start leaves behind is in DIR: kubeconfig, pki/, logs/*.log, run/*.pid,
# etcd/ (the data, kept across stop/start: use a new DIR for an empty cluster),
# gitops-sync/ (the sync loop's mirror of the repository).
# The binaries are built once from the Go module proxy into the meshifi cache
# folder ($MESHIFI_CACHE/go-tools/...), outside the repository, and reused.
#
# How Crossplane reaches the functions without a package manager or a cluster
# network: Crossplane calls a Function at the status.endpoint of the active
# FunctionRevision labelled pkg.crossplane.io/package=NAME, with mTLS, and
# only needs the revision's status.capabilities to include "composition".
# start_crossplane creates such a FunctionRevision per function, paused
# (crossplane.io/paused), so that the package manager does not try to pull
# its image, sets its status by hand to the local endpoint, and runs Crossplane
# with --package-runtime=External so that nothing tries to deploy it.

MESHIFI_CACHE="${MESHIFI_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/meshifi}"
export MESHIFI_CACHE

_cp_lib_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
MESHIFI_ROOT="${MESHIFI_ROOT:-$(cd "$_cp_lib_dir/../.." && pwd)}"
export MESHIFI_ROOT
# shellcheck source=crossplane-tools.sh
declare -F ensure_crossplane_crds >/dev/null || source "$_cp_lib_dir/crossplane-tools.sh"
# shellcheck source=node.sh
declare -F ensure_node >/dev/null || source "$_cp_lib_dir/node.sh"

# --- Pinned versions --------------------------------------------------------

# Kubernetes (kube-apiserver, kubectl, kube-controller-manager). v1.35.1 is
# the release whose libraries (k8s.io/client-go v0.35.1) Crossplane v2.2.1 is
# built with. The module k8s.io/kubernetes is published without its staging
# modules (k8s.io/api, ...: its go.mod replaces them with ./staging/...,
# which the module zip leaves out), so it is built from a generated module
# that uses k8s.io/kubernetes's own go.mod and go.sum with each staging
# module replaced by its published v0.35.1 (see _cp_build_kubernetes).
MESHIFI_KUBERNETES_VERSION="${MESHIFI_KUBERNETES_VERSION:-v1.35.1}"

# etcd: v3.6.5 is the version Kubernetes v1.35.1's go.mod requires (the one it
# is tested with). go.etcd.io/etcd/server/v3 is the etcd command itself.
MESHIFI_ETCD_VERSION="${MESHIFI_ETCD_VERSION:-v3.6.5}"

# Crossplane core is the same module and release as the CLI of
# crossplane-tools.sh (MESHIFI_CROSSPLANE_VERSION), built from ./cmd/crossplane.

# Crossplane's XR circuit breaker allows an XR this many watch events at once
# (then one a second). The stand-in provider makes a product's ten resources
# Ready in the same instant, and that burst of status updates, with
# Crossplane's own writes, trips the default of 100: the event that would make
# the XR Ready is dropped and it turns Ready about a minute late (crossplane.log:
# "Circuit breaker is open"). yarn bench time-to-product measures both.
MESHIFI_CROSSPLANE_CIRCUIT_BREAKER_BURST="${MESHIFI_CROSSPLANE_CIRCUIT_BREAKER_BURST:-1000}"

# The controllers kube-controller-manager runs: owner-reference garbage
# collection (deleting an XR deletes what it composed) and namespace deletion.
# Set it to "" to run no kube-controller-manager.
MESHIFI_KUBE_CONTROLLERS="${MESHIFI_KUBE_CONTROLLERS-garbagecollector,namespace}"

# A client that must know the API server's address and credentials before it
# runs (the backend of `./meshifi start`, which starts first) sets the port
# (MESHIFI_KUBE_APISERVER_PORT; default: a free one) and a static token file
# (MESHIFI_KUBE_TOKEN_AUTH_FILE, kube-apiserver's --token-auth-file: lines of
# token,user,uid,"group,..."; default: none). See scripts/lib/local-platform.sh.

# --- Helpers ----------------------------------------------------------------

# Seconds, with decimals, since the epoch (for the timings in the messages).
_cp_now() {
  date +%s.%N
}

_cp_since() {
  awk -v a="$1" -v b="$(_cp_now)" 'BEGIN { printf "%.1f", b - a }'
}

_cp_abs_dir() {
  mkdir -p "$1" && (cd "$1" && pwd)
}

# _cp_port_open PORT: something listens on 127.0.0.1:PORT.
_cp_port_open() {
  (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

# _cp_free_ports N: N distinct ports nothing listens on, below Linux's
# ephemeral range (32768 and up) so that no outgoing connection takes them.
_cp_free_ports() {
  local n="$1" found=" " port tries=0
  while [ "$n" -gt 0 ]; do
    tries=$((tries + 1))
    if [ "$tries" -gt 500 ]; then
      _xp_log "cannot find a free port on 127.0.0.1."
      return 1
    fi
    port=$((20000 + RANDOM % 12000))
    case "$found" in *" $port "*) continue ;; esac
    _cp_port_open "$port" && continue
    found="$found$port "
    n=$((n - 1))
  done
  # shellcheck disable=SC2086 # one line of ports
  echo $found
}

# The start time of a process (clock ticks since boot): with the pid, it
# identifies the process even after the pid is reused.
_cp_start_time() {
  local stat
  stat="$(cat "/proc/$1/stat" 2>/dev/null)" || return 1
  stat="${stat##*) }"
  # shellcheck disable=SC2086
  set -- $stat
  echo "${20}"
}

# _cp_alive PIDFILE: the process recorded in PIDFILE runs.
_cp_alive() {
  local pid="" start="" state
  [ -f "$1" ] || return 1
  read -r pid start <"$1" || true
  [ -n "$pid" ] && [ -d "/proc/$pid" ] || return 1
  [ "$(_cp_start_time "$pid")" = "$start" ] || return 1
  state="$(cat "/proc/$pid/stat" 2>/dev/null)" || return 1
  state="${state##*) }"
  [ "${state%% *}" != Z ]
}

# _cp_spawn PIDFILE LOG COMMAND...: runs COMMAND in the background, in a
# session of its own (a Ctrl-C in the caller's terminal does not reach it) and
# not as a child of the caller's shell (whose `wait` does not wait for it).
_cp_spawn() {
  local pidfile="$1" log="$2"
  shift 2
  rm -f "$pidfile"
  (
    exec </dev/null >>"$log" 2>&1
    setsid "$@" &
    echo "$! $(_cp_start_time $!)" >"$pidfile"
  )
  [ -s "$pidfile" ]
}

# _cp_stop PIDFILE NAME: stops the process (TERM, then KILL after 20 s).
_cp_stop() {
  local pidfile="$1" name="$2" pid i
  if _cp_alive "$pidfile"; then
    read -r pid _ <"$pidfile"
    kill -TERM "$pid" 2>/dev/null || true
    for ((i = 0; i < 200; i++)); do
      _cp_alive "$pidfile" || break
      sleep 0.1
    done
    if _cp_alive "$pidfile"; then
      _xp_log "$name (pid $pid) did not stop within 20 s: killing it."
      kill -KILL "$pid" 2>/dev/null || true
      for ((i = 0; i < 50; i++)); do
        _cp_alive "$pidfile" || break
        sleep 0.1
      done
    fi
    if _cp_alive "$pidfile"; then
      _xp_log "cannot stop $name (pid $pid)."
      return 1
    fi
  fi
  rm -f "$pidfile"
}

# _cp_fail_with_log LOG MESSAGE: the message and the end of the log.
_cp_fail_with_log() {
  _xp_log "$2; the end of $1:"
  tail -n 30 "$1" >&2 2>/dev/null || true
  return 1
}

# Runs go with settings that do not depend on the caller's environment; the
# build needs -mod=mod (see _cp_build_wrapped).
_cp_go() {
  GOWORK=off GOFLAGS="-mod=mod -buildvcs=false" CGO_ENABLED=0 go "$@"
}

# _cp_build_wrapped NAME MODULE VERSION WORKDIR SED_SCRIPT LDFLAGS OUTDIR PACKAGE...
# Builds packages of MODULE@VERSION as `go build` inside its own repository
# would: a generated module in WORKDIR takes MODULE's go.mod (edited by
# SED_SCRIPT, which must turn the module's local replace directives into
# published versions) and go.sum, and requires MODULE@VERSION.
_cp_build_wrapped() {
  local name="$1" module="$2" version="$3" work="$4" script="$5" ldflags="$6" out="$7"
  shift 7
  _xp_need_go || return 1
  _xp_log "building $name $version from $module (the first time takes several minutes) ..."
  local dir
  if ! dir="$(_xp_module_dir "$module@$version")"; then
    _xp_log "cannot download $module@$version from the Go module proxy (see the error above)."
    return 1
  fi
  rm -rf "$work"
  mkdir -p "$work" "$out" || return 1
  sed -e "s|^module .*|module meshifi.invalid/build|" -e '/^toolchain /d' -e "$script" \
    "$dir/go.mod" >"$work/go.mod" || return 1
  printf '\nrequire %s %s\n' "$module" "$version" >>"$work/go.mod"
  cp "$dir/go.sum" "$work/go.sum" && chmod u+w "$work/go.sum" || return 1
  local started=$SECONDS tmp="$out/.tmp.$$"
  rm -rf "$tmp"
  mkdir -p "$tmp"
  # -mod=mod: go.sum lacks the sums of the published staging modules, which
  # the build adds (checked against the checksum database as usual).
  if ! (cd "$work" && _cp_go build -trimpath -ldflags="-s -w $ldflags" -o "$tmp/" "$@") >&2; then
    rm -rf "$tmp"
    _xp_log "building $name $version failed (see the Go errors above)."
    return 1
  fi
  mv -f "$tmp"/* "$out"/ && rm -rf "$tmp" || return 1
  _xp_log "built $name $version in $((SECONDS - started)) s: $out"
}

# --- Kubernetes -------------------------------------------------------------

_cp_kube_root() {
  echo "$MESHIFI_CACHE/go-tools/kubernetes-$MESHIFI_KUBERNETES_VERSION"
}

# kube-apiserver, kubectl and kube-controller-manager in one build: they share
# nearly all their packages.
_cp_build_kubernetes() {
  local version="$MESHIFI_KUBERNETES_VERSION" root
  root="$(_cp_kube_root)"
  local minor="${version#v1.}"
  minor="${minor%%.*}"
  local staging="v0.${version#v1.}" ldflags="" pkg
  for pkg in k8s.io/component-base/version k8s.io/client-go/pkg/version; do
    ldflags="$ldflags -X $pkg.gitVersion=$version -X $pkg.gitMajor=1 -X $pkg.gitMinor=$minor -X $pkg.gitTreeState=clean"
  done
  _cp_build_wrapped "Kubernetes (kube-apiserver, kubectl, kube-controller-manager)" \
    k8s.io/kubernetes "$version" "$root/build" \
    "s|^\([[:space:]]*\)\(k8s.io/[a-z0-9-]*\) => \./staging/src/k8s.io/[a-z0-9-]*\$|\1\2 => \2 $staging|" \
    "$ldflags" "$root/bin" \
    k8s.io/kubernetes/cmd/kube-apiserver k8s.io/kubernetes/cmd/kubectl \
    k8s.io/kubernetes/cmd/kube-controller-manager
}

ensure_kube_apiserver() {
  local bin
  bin="$(_cp_kube_root)/bin"
  if [ ! -x "$bin/kube-apiserver" ] || [ ! -x "$bin/kubectl" ] || [ ! -x "$bin/kube-controller-manager" ]; then
    _cp_build_kubernetes || return 1
  fi
  local v
  v="$("$bin/kube-apiserver" --version 2>/dev/null)"
  if [ "$v" != "Kubernetes $MESHIFI_KUBERNETES_VERSION" ]; then
    _xp_log "$bin/kube-apiserver does not run or is not $MESHIFI_KUBERNETES_VERSION ('$v'): delete $bin and try again."
    return 1
  fi
  KUBE_APISERVER_BIN="$bin/kube-apiserver"
  KUBECTL_BIN="$bin/kubectl"
  KUBE_CONTROLLER_MANAGER_BIN="$bin/kube-controller-manager"
  export KUBE_APISERVER_BIN KUBECTL_BIN KUBE_CONTROLLER_MANAGER_BIN
  printf '%s\n' "$KUBE_APISERVER_BIN"
}

ensure_kubectl() {
  ensure_kube_apiserver >/dev/null || return 1
  printf '%s\n' "$KUBECTL_BIN"
}

# --- etcd -------------------------------------------------------------------

ensure_etcd() {
  local version="$MESHIFI_ETCD_VERSION"
  local root="$MESHIFI_CACHE/go-tools/etcd-$version"
  if [ ! -x "$root/bin/etcd" ]; then
    # go.etcd.io/etcd/server/v3 replaces its sibling modules (api, client,
    # pkg) with ../...; its go.mod also requires them at the same release,
    # which is what a module that depends on it gets: drop the replaces.
    _cp_build_wrapped "etcd" go.etcd.io/etcd/server/v3 "$version" "$root/build" \
      '/=> \.\{1,2\}\//d' "" "$root/bin.new" go.etcd.io/etcd/server/v3 || return 1
    # go build names the binary after the path element before /v3: server.
    rm -rf "${root:?}/bin" && mv "$root/bin.new/server" "$root/bin.new/etcd" && mv "$root/bin.new" "$root/bin" || return 1
  fi
  # Captured first: grep -q in a pipe would stop etcd with SIGPIPE (pipefail).
  local reported
  reported="$("$root/bin/etcd" --version 2>/dev/null)"
  if ! grep -q "^etcd Version: ${version#v}\$" <<<"$reported"; then
    _xp_log "$root/bin/etcd does not run or is not $version: delete $root and try again."
    return 1
  fi
  ETCD_BIN="$root/bin/etcd"
  export ETCD_BIN
  printf '%s\n' "$ETCD_BIN"
}

# --- Crossplane core --------------------------------------------------------

ensure_crossplane_core() {
  local version="$MESHIFI_CROSSPLANE_VERSION"
  local bin="$MESHIFI_CACHE/go-tools/crossplane-$version/bin/crossplane-core"
  if [ ! -x "$bin" ]; then
    _xp_build_tool "Crossplane core" "$MESHIFI_CROSSPLANE_MODULE" "$version" ./cmd/crossplane "$bin" \
      "-X $MESHIFI_CROSSPLANE_MODULE/internal/version.version=$version" || return 1
  fi
  if ! "$bin" core start --help >/dev/null 2>&1; then
    _xp_log "$bin does not run 'core start': delete it and try again."
    return 1
  fi
  CROSSPLANE_CORE_BIN="$bin"
  export CROSSPLANE_CORE_BIN
  printf '%s\n' "$bin"
}

# --- Certificates -----------------------------------------------------------

_cp_need_openssl() {
  command -v openssl >/dev/null 2>&1 && return 0
  if declare -F apt_install >/dev/null; then
    apt_install openssl && return 0
  fi
  _xp_log "the control plane's certificates are made with openssl, which is not on PATH: install the Debian package openssl and try again."
  return 1
}

# _cp_cert CA_DIR OUT_DIR CN ORG USAGE SANS: an ECDSA P-256 key and certificate
# signed by the CA, as OUT_DIR/tls.key, tls.crt and ca.crt (the layout
# Crossplane and the function SDKs read). USAGE is serverAuth, clientAuth or
# both; SANS is an openssl subjectAltName value or "".
_cp_cert() {
  local ca="$1" out="$2" cn="$3" org="$4" usage="$5" sans="$6" subj="/CN=$3"
  [ -n "$org" ] && subj="/O=$org$subj"
  mkdir -p "$out" || return 1
  local ext="$out/.ext"
  {
    echo "basicConstraints=critical,CA:FALSE"
    echo "keyUsage=critical,digitalSignature,keyEncipherment"
    echo "extendedKeyUsage=$usage"
    [ -n "$sans" ] && echo "subjectAltName=$sans"
  } >"$ext"
  openssl req -new -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -subj "$subj" \
    -keyout "$out/tls.key" -out "$out/tls.csr" 2>/dev/null &&
    openssl x509 -req -in "$out/tls.csr" -CA "$ca/ca.crt" -CAkey "$ca/ca.key" -CAcreateserial \
      -days 3650 -sha256 -extfile "$ext" -out "$out/tls.crt" 2>/dev/null &&
    cp "$ca/ca.crt" "$out/ca.crt" || {
    _xp_log "openssl cannot make the certificate for $cn."
    return 1
  }
  rm -f "$out/tls.csr" "$ext"
  chmod 600 "$out/tls.key"
}

# The control plane's PKI, made once per DIR: a CA, the API server's serving
# certificate, the admin's client certificate (group system:masters), the
# service account signing key, and for Crossplane the functions' serving and
# Crossplane's client certificates.
_cp_pki() {
  local pki="$1/pki"
  [ -f "$pki/.complete" ] && return 0
  _cp_need_openssl || return 1
  rm -rf "$pki"
  mkdir -p "$pki/ca" || return 1
  openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 3650 -sha256 \
    -subj "/CN=meshifi-local-ca" -addext "basicConstraints=critical,CA:TRUE" \
    -addext "keyUsage=critical,keyCertSign,cRLSign,digitalSignature" \
    -keyout "$pki/ca/ca.key" -out "$pki/ca/ca.crt" 2>/dev/null || {
    _xp_log "openssl cannot make the control plane's CA."
    return 1
  }
  _cp_cert "$pki/ca" "$pki/apiserver" kube-apiserver "" serverAuth \
    "IP:127.0.0.1,IP:10.0.0.1,DNS:localhost,DNS:kubernetes,DNS:kubernetes.default,DNS:kubernetes.default.svc" || return 1
  _cp_cert "$pki/ca" "$pki/admin" meshifi-admin system:masters clientAuth "" || return 1
  _cp_cert "$pki/ca" "$pki/controller-manager" system:kube-controller-manager system:masters clientAuth "" || return 1
  _cp_cert "$pki/ca" "$pki/functions" functions "" serverAuth "IP:127.0.0.1,DNS:localhost" || return 1
  _cp_cert "$pki/ca" "$pki/crossplane" crossplane "" clientAuth "" || return 1
  openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "$pki/sa.key" 2>/dev/null &&
    openssl pkey -in "$pki/sa.key" -pubout -out "$pki/sa.pub" 2>/dev/null || {
    _xp_log "openssl cannot make the service account signing key."
    return 1
  }
  touch "$pki/.complete"
}

# _cp_kubeconfig FILE SERVER CERT_DIR USER
_cp_kubeconfig() {
  local file="$1" server="$2" certs="$3" user="$4"
  local tmp="$file.tmp.$$"
  cat >"$tmp" <<EOF
apiVersion: v1
kind: Config
clusters:
  - name: meshifi-local
    cluster:
      server: $server
      certificate-authority-data: $(base64 -w0 <"$certs/ca.crt")
users:
  - name: $user
    user:
      client-certificate-data: $(base64 -w0 <"$certs/tls.crt")
      client-key-data: $(base64 -w0 <"$certs/tls.key")
contexts:
  - name: meshifi-local
    context:
      cluster: meshifi-local
      user: $user
current-context: meshifi-local
EOF
  chmod 600 "$tmp" && mv -f "$tmp" "$file"
}

# --- The control plane ------------------------------------------------------

# control_plane_running DIR: DIR's API server runs and answers /readyz.
control_plane_running() {
  local dir="$1"
  [ -f "$dir/kubeconfig" ] && _cp_alive "$dir/run/etcd.pid" && _cp_alive "$dir/run/kube-apiserver.pid" || return 1
  [ -n "${KUBECTL_BIN:-}" ] || ensure_kubectl >/dev/null || return 1
  [ "$("$KUBECTL_BIN" --kubeconfig "$dir/kubeconfig" --request-timeout=5s get --raw /readyz 2>/dev/null)" = ok ]
}

# start_control_plane DIR: starts etcd and kube-apiserver (and, unless
# MESHIFI_KUBE_CONTROLLERS is empty, kube-controller-manager) and waits until the
# API server is ready. Idempotent: a running control plane in DIR is kept.
start_control_plane() {
  if [ $# -ne 1 ] || [ -z "$1" ]; then
    _xp_log "usage: start_control_plane DIR"
    return 1
  fi
  local dir started
  started="$(_cp_now)"
  dir="$(_cp_abs_dir "$1")" || return 1
  ensure_kube_apiserver >/dev/null || return 1
  ensure_etcd >/dev/null || return 1
  if control_plane_running "$dir"; then
    KUBECONFIG="$dir/kubeconfig"
    export KUBECONFIG
    # A start stopped between the API server and the controller manager (a
    # Ctrl-C of ./meshifi start) leaves it out: without it nothing is
    # garbage collected.
    _cp_ensure_controller_manager "$dir" || return 1
    _xp_log "the control plane in $dir already runs."
    return 0
  fi
  # Whatever is left of an earlier start.
  stop_control_plane "$dir" 2>/dev/null || true
  mkdir -p "$dir/logs" "$dir/run" || return 1
  _cp_pki "$dir" || return 1

  local ports etcd_port peer_port api_port="${MESHIFI_KUBE_APISERVER_PORT:-}"
  if [ -z "$api_port" ]; then
    ports="$(_cp_free_ports 3)" || return 1
    read -r etcd_port peer_port api_port <<<"$ports"
  elif _cp_port_open "$api_port"; then
    _xp_log "something else listens on 127.0.0.1:$api_port, the API server's port (MESHIFI_KUBE_APISERVER_PORT): stop it, or start without a fixed port."
    return 1
  else
    etcd_port="$api_port"
    while [ "$etcd_port" = "$api_port" ] || [ "$peer_port" = "$api_port" ]; do
      ports="$(_cp_free_ports 2)" || return 1
      read -r etcd_port peer_port <<<"$ports"
    done
  fi
  local token_args=()
  if [ -n "${MESHIFI_KUBE_TOKEN_AUTH_FILE:-}" ]; then
    token_args=(--token-auth-file="$MESHIFI_KUBE_TOKEN_AUTH_FILE")
  fi

  # etcd: without fsync, which a throwaway test cluster does not need. etcd
  # reads every ETCD_* environment variable as a flag (ETCD_BIN too): unset.
  local etcd_env=(env) var
  for var in $(compgen -e); do
    case "$var" in ETCD_*) etcd_env+=(-u "$var") ;; esac
  done
  _cp_spawn "$dir/run/etcd.pid" "$dir/logs/etcd.log" "${etcd_env[@]}" "$ETCD_BIN" \
    --name=meshifi --data-dir="$dir/etcd" \
    --listen-client-urls="http://127.0.0.1:$etcd_port" --advertise-client-urls="http://127.0.0.1:$etcd_port" \
    --listen-peer-urls="http://127.0.0.1:$peer_port" --initial-advertise-peer-urls="http://127.0.0.1:$peer_port" \
    --initial-cluster="meshifi=http://127.0.0.1:$peer_port" \
    --unsafe-no-fsync --log-level=warn || return 1
  local i
  for ((i = 0; i < 200; i++)); do
    _cp_port_open "$etcd_port" && break
    _cp_alive "$dir/run/etcd.pid" || break
    sleep 0.1
  done
  if ! _cp_port_open "$etcd_port"; then
    _cp_fail_with_log "$dir/logs/etcd.log" "etcd did not start"
    stop_control_plane "$dir" 2>/dev/null
    return 1
  fi

  local pki="$dir/pki"
  _cp_spawn "$dir/run/kube-apiserver.pid" "$dir/logs/kube-apiserver.log" "$KUBE_APISERVER_BIN" \
    --etcd-servers="http://127.0.0.1:$etcd_port" \
    --bind-address=127.0.0.1 --advertise-address=127.0.0.1 --secure-port="$api_port" \
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
    "${token_args[@]}" \
    --v=1 || return 1
  _cp_kubeconfig "$dir/kubeconfig" "https://127.0.0.1:$api_port" "$pki/admin" meshifi-admin || return 1

  local ready=""
  for ((i = 0; i < 600; i++)); do
    if ! _cp_alive "$dir/run/kube-apiserver.pid"; then
      break
    fi
    if [ "$("$KUBECTL_BIN" --kubeconfig "$dir/kubeconfig" --request-timeout=2s get --raw /readyz 2>/dev/null)" = ok ]; then
      ready=1
      break
    fi
    sleep 0.2
  done
  if [ -z "$ready" ]; then
    _cp_fail_with_log "$dir/logs/kube-apiserver.log" "kube-apiserver did not become ready"
    stop_control_plane "$dir" 2>/dev/null
    return 1
  fi

  _cp_start_controller_manager "$dir" "$api_port" || return 1

  KUBECONFIG="$dir/kubeconfig"
  export KUBECONFIG
  _xp_log "Kubernetes $MESHIFI_KUBERNETES_VERSION API server ready on https://127.0.0.1:$api_port in $(_cp_since "$started") s (KUBECONFIG=$KUBECONFIG)"
}

# _cp_start_controller_manager DIR API_PORT: starts kube-controller-manager
# for DIR's API server, unless MESHIFI_KUBE_CONTROLLERS is empty.
_cp_start_controller_manager() {
  local dir="$1" api_port="$2"
  [ -n "$MESHIFI_KUBE_CONTROLLERS" ] || return 0
  _cp_kubeconfig "$dir/run/controller-manager.kubeconfig" "https://127.0.0.1:$api_port" \
    "$dir/pki/controller-manager" kube-controller-manager || return 1
  _cp_spawn "$dir/run/kube-controller-manager.pid" "$dir/logs/kube-controller-manager.log" \
    "$KUBE_CONTROLLER_MANAGER_BIN" \
    --kubeconfig="$dir/run/controller-manager.kubeconfig" \
    --controllers="$MESHIFI_KUBE_CONTROLLERS" \
    --secure-port=0 --leader-elect=false --use-service-account-credentials=false \
    --v=1
}

# _cp_ensure_controller_manager DIR: starts the controller manager of DIR's
# running API server when it does not run.
_cp_ensure_controller_manager() {
  local dir="$1" pid api_port
  [ -n "$MESHIFI_KUBE_CONTROLLERS" ] || return 0
  _cp_alive "$dir/run/kube-controller-manager.pid" && return 0
  read -r pid _ <"$dir/run/kube-apiserver.pid" || return 1
  api_port="$(tr '\0' '\n' <"/proc/$pid/cmdline" | sed -n 's/^--secure-port=//p')" || return 1
  [ -n "$api_port" ] || return 1
  _xp_log "the controller manager of the control plane in $dir does not run: starting it."
  _cp_start_controller_manager "$dir" "$api_port"
}

# restart_apiserver DIR: stops DIR's kube-apiserver and starts it again with
# the same command line (same port, same etcd), as an upgrade or a crash
# would; waits until it is ready. Tests use it to check that watches recover.
restart_apiserver() {
  local dir="$1" pid args=() i
  dir="$(_cp_abs_dir "$dir")" || return 1
  if ! _cp_alive "$dir/run/kube-apiserver.pid"; then
    _xp_log "no API server runs in $dir."
    return 1
  fi
  read -r pid _ <"$dir/run/kube-apiserver.pid"
  mapfile -d '' args <"/proc/$pid/cmdline" || return 1
  _cp_stop "$dir/run/kube-apiserver.pid" kube-apiserver || return 1
  _cp_spawn "$dir/run/kube-apiserver.pid" "$dir/logs/kube-apiserver.log" "${args[@]}" || return 1
  [ -n "${KUBECTL_BIN:-}" ] || ensure_kubectl >/dev/null || return 1
  for ((i = 0; i < 600; i++)); do
    if [ "$("$KUBECTL_BIN" --kubeconfig "$dir/kubeconfig" --request-timeout=2s get --raw /readyz 2>/dev/null)" = ok ]; then
      return 0
    fi
    _cp_alive "$dir/run/kube-apiserver.pid" || break
    sleep 0.2
  done
  _cp_fail_with_log "$dir/logs/kube-apiserver.log" "kube-apiserver did not come back"
  return 1
}

# stop_control_plane DIR: stops the GitOps sync loop, the stand-in provider,
# Crossplane, the functions and the control plane started in DIR; keeps DIR
# (its data, certificates and logs).
stop_control_plane() {
  if [ $# -ne 1 ] || [ -z "$1" ]; then
    _xp_log "usage: stop_control_plane DIR"
    return 1
  fi
  local dir="$1" rc=0
  [ -d "$dir" ] || return 0
  dir="$(cd "$dir" && pwd)"
  stop_gitops_sync "$dir" || rc=1
  stop_stand_in_provider "$dir" || rc=1
  stop_crossplane "$dir" || rc=1
  _cp_stop "$dir/run/kube-controller-manager.pid" kube-controller-manager || rc=1
  _cp_stop "$dir/run/kube-apiserver.pid" kube-apiserver || rc=1
  _cp_stop "$dir/run/etcd.pid" etcd || rc=1
  if [ "${KUBECONFIG:-}" = "$dir/kubeconfig" ]; then
    unset KUBECONFIG
  fi
  return "$rc"
}

# _cp_kubectl ARGS...: kubectl against $KUBECONFIG.
_cp_kubectl() {
  if [ -z "${KUBECONFIG:-}" ]; then
    _xp_log "KUBECONFIG is not set: run start_control_plane DIR first."
    return 1
  fi
  [ -n "${KUBECTL_BIN:-}" ] || ensure_kubectl >/dev/null || return 1
  "$KUBECTL_BIN" "$@"
}

# _cp_wait_established TIMEOUT KIND NAME...: waits until the objects (CRDs or
# XRDs) exist and have the condition Established (one list request a round).
_cp_wait_established() {
  local timeout="$1" kind="$2" deadline got name missing
  shift 2
  deadline=$((SECONDS + timeout))
  while :; do
    got=" $(_cp_kubectl get "$kind" -o jsonpath='{range .items[*]}{.metadata.name}={.status.conditions[?(@.type=="Established")].status}{" "}{end}' 2>/dev/null) "
    missing=""
    for name in "$@"; do
      case "$got" in *" $name=True "*) ;; *) missing="$missing $name" ;; esac
    done
    [ -z "$missing" ] && return 0
    if [ "$SECONDS" -ge "$deadline" ]; then
      _xp_log "not established within $timeout s ($kind):$missing"
      return 1
    fi
    sleep 0.2
  done
}

# _cp_crd_names DIR: the names (metadata.name) of the CRDs in DIR's *.yaml.
_cp_crd_names() {
  local f
  for f in "$1"/*.yaml; do
    awk '/^metadata:/ { m = 1; next } m && /^  name:/ { print $2; exit } /^[^ ]/ { m = 0 }' "$f"
  done
}

# install_meshifi_crds: the Crossplane core CRDs and the namespaced GCP
# provider CRDs, applied into $KUBECONFIG's API server; waits until established.
install_meshifi_crds() {
  local started
  started="$(_cp_now)"
  ensure_crossplane_crds >/dev/null || return 1
  if [ ! -f "$MESHIFI_CACHE/go-tools/provider-gcp-$MESHIFI_PROVIDER_GCP_VERSION-namespaced/crds/.complete" ]; then
    ensure_node || return 1
  fi
  ensure_gcp_provider_crds >/dev/null || return 1
  # Server-side: some CRDs are too large for the last-applied annotation.
  if ! _cp_kubectl apply --server-side --force-conflicts -f "$CROSSPLANE_CRDS_DIR" -f "$GCP_CRDS_DIR" >/dev/null; then
    _xp_log "cannot apply the CRDs of $CROSSPLANE_CRDS_DIR and $GCP_CRDS_DIR."
    return 1
  fi
  # shellcheck disable=SC2046
  _cp_wait_established 60 crd $(_cp_crd_names "$CROSSPLANE_CRDS_DIR") $(_cp_crd_names "$GCP_CRDS_DIR") || return 1
  _xp_log "installed the Crossplane $MESHIFI_CROSSPLANE_CRDS_VERSION and GCP provider $GCP_CRDS_VERSION (namespaced) CRDs in $(_cp_since "$started") s"
}

# --- Crossplane -------------------------------------------------------------

# _cp_bundle_if_stale WORKSPACE JS WHAT SOURCE...: runs the workspace's bundle
# script when JS is missing or a file of the SOURCEs (tests aside) is newer.
# Needs the repository's dependencies installed.
_cp_bundle_if_stale() {
  local workspace="$1" js="$2" what="$3"
  shift 3
  if [ -f "$js" ] && [ -z "$(find "$@" -newer "$js" -type f ! -name '*.test.ts' 2>/dev/null | head -n 1)" ]; then
    return 0
  fi
  ensure_node || return 1
  if [ ! -d "$MESHIFI_ROOT/node_modules" ]; then
    _xp_log "bundling $what needs the repository's dependencies: run 'yarn install' first."
    return 1
  fi
  _xp_log "bundling $what into $js ..."
  if ! (cd "$MESHIFI_ROOT" && node .yarn/releases/yarn-4.13.0.cjs workspace "$workspace" bundle) >&2; then
    _xp_log "cannot bundle $what (see the errors above)."
    return 1
  fi
}

# ensure_function_bundle: crossplane/function/dist/function.js, bundled again
# when a source of the function or of @meshifi/common is newer. Needs the
# repository's dependencies installed. Exports MESHIFI_FUNCTION_JS.
ensure_function_bundle() {
  local fn="$MESHIFI_ROOT/crossplane/function"
  _cp_bundle_if_stale @meshifi/crossplane-function "$fn/dist/function.js" "the composition function" \
    "$fn/src" "$fn/package.json" "$MESHIFI_ROOT/plugins/meshifi-common/src" || return 1
  MESHIFI_FUNCTION_JS="$fn/dist/function.js"
  export MESHIFI_FUNCTION_JS
}

# _cp_function_revision NAME ENDPOINT: a paused, active FunctionRevision of
# the function NAME whose status points Crossplane at ENDPOINT.
_cp_function_revision() {
  local name="$1" endpoint="$2"
  _cp_kubectl apply -f - >/dev/null <<EOF || return 1
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
    meshifi.io/note: served by a local process, see scripts/lib/control-plane.sh
spec:
  desiredState: Active
  image: meshifi.invalid/$name:local
  revision: 1
  ignoreCrossplaneConstraints: true
  skipDependencyResolution: true
EOF
  _cp_kubectl patch functionrevision "$name-local" --subresource=status --type=merge \
    -p "{\"status\":{\"endpoint\":\"$endpoint\",\"capabilities\":[\"composition\"]}}" >/dev/null
}

# _cp_wait_port NAME PORT PIDFILE LOG: waits until the process listens.
_cp_wait_port() {
  local name="$1" port="$2" pidfile="$3" log="$4" i
  for ((i = 0; i < 300; i++)); do
    _cp_port_open "$port" && return 0
    _cp_alive "$pidfile" || break
    sleep 0.1
  done
  _cp_fail_with_log "$log" "$name did not start listening on 127.0.0.1:$port"
}

# start_crossplane DIR: the two composition functions (with mTLS, on
# 127.0.0.1) and Crossplane core against the control plane running in DIR.
# Idempotent. Install the CRDs first (install_meshifi_crds), and then the
# APIs (install_meshifi_apis).
start_crossplane() {
  if [ $# -ne 1 ] || [ -z "$1" ]; then
    _xp_log "usage: start_crossplane DIR"
    return 1
  fi
  local dir started
  started="$(_cp_now)"
  dir="$(_cp_abs_dir "$1")" || return 1
  if ! control_plane_running "$dir"; then
    _xp_log "no control plane runs in $dir: run start_control_plane $dir first."
    return 1
  fi
  KUBECONFIG="$dir/kubeconfig"
  export KUBECONFIG
  if _cp_alive "$dir/run/crossplane.pid" && _cp_alive "$dir/run/function-meshifi.pid" &&
    _cp_alive "$dir/run/function-auto-ready.pid"; then
    _xp_log "Crossplane already runs in $dir."
    return 0
  fi
  stop_crossplane "$dir" 2>/dev/null || true
  ensure_crossplane_core >/dev/null || return 1
  ensure_function_auto_ready >/dev/null || return 1
  ensure_node || return 1
  ensure_function_bundle || return 1
  if ! _cp_kubectl get crd functionrevisions.pkg.crossplane.io >/dev/null 2>&1; then
    _xp_log "the Crossplane CRDs are not installed: run install_meshifi_crds first."
    return 1
  fi

  local ports fn_port ready_port metrics_port health_port
  ports="$(_cp_free_ports 4)" || return 1
  read -r fn_port ready_port metrics_port health_port <<<"$ports"
  local pki="$dir/pki" logs="$dir/logs" run="$dir/run"

  _cp_spawn "$run/function-meshifi.pid" "$logs/function-meshifi.log" \
    node "$MESHIFI_FUNCTION_JS" --tls-server-certs-dir="$pki/functions" --address="127.0.0.1:$fn_port" || return 1
  _cp_spawn "$run/function-auto-ready.pid" "$logs/function-auto-ready.log" \
    "$FUNCTION_AUTO_READY_BIN" --tls-certs-dir="$pki/functions" --address="127.0.0.1:$ready_port" || return 1
  _cp_wait_port function-meshifi "$fn_port" "$run/function-meshifi.pid" "$logs/function-meshifi.log" &&
    _cp_wait_port function-auto-ready "$ready_port" "$run/function-auto-ready.pid" "$logs/function-auto-ready.log" || {
    stop_crossplane "$dir" 2>/dev/null
    return 1
  }

  _cp_kubectl create namespace crossplane-system --dry-run=client -o yaml | _cp_kubectl apply -f - >/dev/null || return 1
  _cp_function_revision function-meshifi "127.0.0.1:$fn_port" &&
    _cp_function_revision function-auto-ready "127.0.0.1:$ready_port" || {
    _xp_log "cannot create the FunctionRevisions of the local functions."
    stop_crossplane "$dir" 2>/dev/null
    return 1
  }

  # Its metrics and health servers listen on all addresses (Crossplane has
  # only port flags for them): they get free ports. No webhooks (they would
  # need the API server to call back), no package runtime.
  local args=(core start
    --namespace=crossplane-system
    --enable-webhooks=false
    --package-runtime=External
    --tls-client-certs-dir="$pki/crossplane"
    --xpkg-cache-dir="$dir/crossplane/xpkg-cache"
    --xfn-cache-dir="$dir/crossplane/xfn-cache"
    --metrics-port="$metrics_port"
    --health-probe-port="$health_port"
    --circuit-breaker-burst="$MESHIFI_CROSSPLANE_CIRCUIT_BREAKER_BURST")
  [ "${MESHIFI_CROSSPLANE_DEBUG:-}" = true ] && args+=(--debug)
  mkdir -p "$dir/crossplane/xpkg-cache" "$dir/crossplane/xfn-cache"
  # shellcheck disable=SC2086
  _cp_spawn "$run/crossplane.pid" "$logs/crossplane.log" \
    env KUBECONFIG="$dir/kubeconfig" POD_NAMESPACE=crossplane-system \
    "$CROSSPLANE_CORE_BIN" "${args[@]}" ${MESHIFI_CROSSPLANE_ARGS:-} || return 1
  _cp_wait_port "Crossplane core" "$health_port" "$run/crossplane.pid" "$logs/crossplane.log" || {
    stop_crossplane "$dir" 2>/dev/null
    return 1
  }
  _xp_log "Crossplane $MESHIFI_CROSSPLANE_VERSION runs with function-meshifi on 127.0.0.1:$fn_port and function-auto-ready $MESHIFI_FUNCTION_AUTO_READY_VERSION on 127.0.0.1:$ready_port ($(_cp_since "$started") s; logs in $logs)"
}

# stop_crossplane DIR: stops Crossplane core and the functions started in DIR.
stop_crossplane() {
  if [ $# -ne 1 ] || [ -z "$1" ]; then
    _xp_log "usage: stop_crossplane DIR"
    return 1
  fi
  local dir="$1" rc=0
  [ -d "$dir/run" ] || return 0
  _cp_stop "$dir/run/crossplane.pid" "Crossplane core" || rc=1
  _cp_stop "$dir/run/function-meshifi.pid" function-meshifi || rc=1
  _cp_stop "$dir/run/function-auto-ready.pid" function-auto-ready || rc=1
  return "$rc"
}

# install_meshifi_apis: meshifi's XRDs and Compositions (crossplane/apis) into
# $KUBECONFIG's API server; waits until Crossplane has made the XR CRDs and
# they are established. Needs start_crossplane.
install_meshifi_apis() {
  local started
  started="$(_cp_now)"
  local apis="$MESHIFI_ROOT/crossplane/apis" f defs=() comps=() xrds=()
  for f in "$apis"/*/definition.yaml; do defs+=(-f "$f"); done
  for f in "$apis"/*/composition.yaml; do comps+=(-f "$f"); done
  if ! _cp_kubectl apply "${defs[@]}" >/dev/null || ! _cp_kubectl apply "${comps[@]}" >/dev/null; then
    _xp_log "cannot apply the XRDs and Compositions of $apis."
    return 1
  fi
  for f in "$apis"/*/definition.yaml; do
    xrds+=("$(awk '/^metadata:/ { m = 1; next } m && /^  name:/ { print $2; exit }' "$f")")
  done
  # The XRD is established once Crossplane has made its CRD and watches the XRs.
  if ! _cp_wait_established 60 crd "${xrds[@]}" || ! _cp_wait_established 30 xrd "${xrds[@]}"; then
    _xp_log "Crossplane did not make the XR CRDs: is it running (start_crossplane)? See its log."
    return 1
  fi
  _xp_log "installed the meshifi XRDs and Compositions in $(_cp_since "$started") s"
}

# --- The stand-in provider and the GitOps sync loop -------------------------

# ensure_local_tools_bundle: tools/gcp-provider-stand-in/dist/gcp-provider-stand-in.js
# and tools/gitops-sync/dist/gitops-sync.js, bundled again when a source of
# the tool or of the workspace packages it uses is newer. Needs the
# repository's dependencies installed. Exports MESHIFI_STAND_IN_JS and
# MESHIFI_GITOPS_SYNC_JS.
ensure_local_tools_bundle() {
  local tools="$MESHIFI_ROOT/tools" common="$MESHIFI_ROOT/plugins/meshifi-common/src"
  _cp_bundle_if_stale @meshifi/gcp-provider-stand-in "$tools/gcp-provider-stand-in/dist/gcp-provider-stand-in.js" \
    "the GCP provider stand-in" "$tools/gcp-provider-stand-in/src" "$tools/gcp-provider-stand-in/package.json" \
    "$common" || return 1
  _cp_bundle_if_stale @meshifi/gitops-sync "$tools/gitops-sync/dist/gitops-sync.js" \
    "the GitOps sync loop" "$tools/gitops-sync/src" "$tools/gitops-sync/package.json" \
    "$common" "$MESHIFI_ROOT/plugins/meshifi-node/src" || return 1
  MESHIFI_STAND_IN_JS="$tools/gcp-provider-stand-in/dist/gcp-provider-stand-in.js"
  MESHIFI_GITOPS_SYNC_JS="$tools/gitops-sync/dist/gitops-sync.js"
  export MESHIFI_STAND_IN_JS MESHIFI_GITOPS_SYNC_JS
}

# _cp_wait_log NAME PIDFILE LOG SKIP PATTERN: waits until the process writes a
# line matching PATTERN to LOG after its first SKIP lines (earlier runs').
_cp_wait_log() {
  local name="$1" pidfile="$2" log="$3" skip="$4" pattern="$5" i
  for ((i = 0; i < 300; i++)); do
    tail -n "+$((skip + 1))" "$log" 2>/dev/null | grep -q -- "$pattern" && return 0
    _cp_alive "$pidfile" || break
    sleep 0.1
  done
  _cp_fail_with_log "$log" "$name did not start"
}

# _cp_node_daemon NAME DIR READY_PATTERN JS ARGS...: runs a bundled node
# program of tools/ as a daemon of DIR (DIR/run/NAME.pid, DIR/logs/NAME.log)
# and waits until it logs READY_PATTERN.
_cp_node_daemon() {
  local name="$1" dir="$2" ready="$3" pidfile="$2/run/$1.pid" log="$2/logs/$1.log" skip
  shift 3
  skip=0
  [ -f "$log" ] && skip="$(wc -l <"$log")"
  # DEP0040: a bundled dependency still loads node's punycode module.
  _cp_spawn "$pidfile" "$log" node --disable-warning=DEP0040 "$@" || return 1
  _cp_wait_log "$name" "$pidfile" "$log" "$skip" "$ready" || {
    _cp_stop "$pidfile" "$name" 2>/dev/null
    return 1
  }
}

# start_stand_in_provider DIR: the stand-in for the Crossplane GCP provider
# against the control plane running in DIR: meshifi's managed resources
# become Ready as provider-gcp would make them, once Google Cloud had created
# them (see tools/gcp-provider-stand-in/README.md). MESHIFI_STAND_IN_DELAY_MS
# is how long a create takes (2000 by default). Idempotent.
start_stand_in_provider() {
  if [ $# -ne 1 ] || [ -z "$1" ]; then
    _xp_log "usage: start_stand_in_provider DIR"
    return 1
  fi
  local dir
  dir="$(_cp_abs_dir "$1")" || return 1
  if ! control_plane_running "$dir"; then
    _xp_log "no control plane runs in $dir: run start_control_plane $dir first."
    return 1
  fi
  if _cp_alive "$dir/run/gcp-provider-stand-in.pid"; then
    _xp_log "the GCP provider stand-in already runs in $dir."
    return 0
  fi
  ensure_local_tools_bundle || return 1
  _cp_node_daemon gcp-provider-stand-in "$dir" "standing in for provider-gcp" \
    "$MESHIFI_STAND_IN_JS" --kubeconfig "$dir/kubeconfig" || return 1
  _xp_log "the GCP provider stand-in marks meshifi's managed resources Ready (log: $dir/logs/gcp-provider-stand-in.log)"
}

stop_stand_in_provider() {
  [ -d "$1/run" ] || return 0
  _cp_stop "$1/run/gcp-provider-stand-in.pid" "the GCP provider stand-in"
}

# _cp_repository_for_display URL: URL without the credentials it may hold.
_cp_repository_for_display() {
  sed -E 's#^([a-zA-Z][a-zA-Z0-9+.-]*://)[^/@]*@#\1#' <<<"$1"
}

# start_gitops_sync DIR REPOSITORY_URL: the GitOps sync loop, applying the
# repository (an http(s) URL or the path of a local repository) to the
# control plane running in DIR every MESHIFI_GITOPS_SYNC_INTERVAL_MS (2000 by
# default). Idempotent for the same repository; another one replaces it.
start_gitops_sync() {
  if [ $# -ne 2 ] || [ -z "$1" ] || [ -z "$2" ]; then
    _xp_log "usage: start_gitops_sync DIR REPOSITORY_URL"
    return 1
  fi
  local dir repository="$2"
  dir="$(_cp_abs_dir "$1")" || return 1
  if ! control_plane_running "$dir"; then
    _xp_log "no control plane runs in $dir: run start_control_plane $dir first."
    return 1
  fi
  case "$repository" in
    *://*) ;;
    *)
      # A local repository may not exist yet: the backend creates it on its
      # first start, and the loop keeps trying until then.
      repository="$(realpath -m "$repository")" || return 1
      [ -d "$repository" ] || _xp_log "the GitOps repository $repository does not exist yet: the sync loop waits for it."
      ;;
  esac
  local pidfile="$dir/run/gitops-sync.pid" recorded="$dir/run/gitops-sync.repository"
  if _cp_alive "$pidfile"; then
    if [ "$(cat "$recorded" 2>/dev/null)" = "$repository" ]; then
      _xp_log "the GitOps sync loop already runs in $dir."
      return 0
    fi
    stop_gitops_sync "$dir" || return 1
  fi
  ensure_local_tools_bundle || return 1
  mkdir -p "$dir/gitops-sync" || return 1
  printf '%s\n' "$repository" >"$recorded"
  _cp_node_daemon gitops-sync "$dir" "applying .* every [0-9]* ms" "$MESHIFI_GITOPS_SYNC_JS" \
    --repository "$repository" --kubeconfig "$dir/kubeconfig" --mirror-dir "$dir/gitops-sync/mirror" || return 1
  _xp_log "the GitOps sync loop applies $(_cp_repository_for_display "$repository") (log: $dir/logs/gitops-sync.log)"
}

stop_gitops_sync() {
  [ -d "$1/run" ] || return 0
  _cp_stop "$1/run/gitops-sync.pid" "the GitOps sync loop" && rm -f "$1/run/gitops-sync.repository"
}
