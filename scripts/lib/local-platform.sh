# shellcheck shell=bash
# The local platform of `./meshifi start`: the local control plane of
# local-cluster.sh (Kubernetes, Crossplane, the stand-in GCP provider, Flux
# applying the GitOps repository), started in the background while the
# backend already serves the app. The first start builds the binaries (about
# 16 minutes).
#
# The backend starts first and reads the platform, without a restart, once
# it is up: what it needs to reach the cluster is decided before the
# cluster runs, and its watches retry until it answers.
#   - the API server's address: a port chosen now (or the running one's);
#   - its CA: the control plane's certificates, made now (openssl only);
#   - the backend's token: a random static token the API server is started
#     to accept (--token-auth-file) as the user of the service account
#     backstage/backstage, so that the shipped ClusterRoleBinding
#     (plugins/meshifi-backend/rbac) grants it what it grants a real
#     service account token, no more.
# Whether the platform is starting, up or failed, the backend reads from a
# status file (meshifi.localPlatform.statusFile), so that a product page says
# "starting" rather than "unreachable".
#
#   prepare_local_platform DIR STATUS_FILE -> makes the certificates and the
#       token, says "starting" in STATUS_FILE, and exports the backend's
#       APP_CONFIG_kubernetes_clusterLocatorMethods and
#       APP_CONFIG_meshifi_localPlatform_statusFile, MESHIFI_LOCAL_KUBECONFIG,
#       and the control plane's MESHIFI_KUBE_APISERVER_PORT and
#       MESHIFI_KUBE_TOKEN_AUTH_FILE. Takes a second.
#   start_local_platform_in_background DIR REPOSITORY STATUS_FILE LOG
#       -> LOCAL_PLATFORM_PID; STATUS_FILE ends as ready or failed, LOG has
#       the output, and one line on the terminal says how it ended.
#   stop_local_platform_start -> stops a start still under way (a platform
#       that is up keeps running: scripts/control-plane stop stops it).
source "$MESHIFI_ROOT/scripts/lib/local-cluster.sh"

LOCAL_PLATFORM_PID=""

_LP_USER="system:serviceaccount:backstage:backstage"
_LP_GROUPS="system:serviceaccounts,system:serviceaccounts:backstage"

# _lp_write_status FILE JSON: replaces FILE at once (the backend never reads half).
_lp_write_status() {
  local tmp="$1.tmp.$$"
  printf '%s\n' "$2" >"$tmp" && mv -f "$tmp" "$1"
}

# _lp_json_string TEXT: TEXT as a JSON string.
_lp_json_string() {
  local text="${1//\\/\\\\}"
  printf '"%s"' "${text//\"/\\\"}"
}

# _lp_token_file DIR: DIR/backstage-tokens.csv (made once, readable by its
# owner only): the backend's token, for kube-apiserver's --token-auth-file.
_lp_token_file() {
  local file="$1/backstage-tokens.csv" token
  if [ ! -s "$file" ]; then
    token="$(openssl rand -hex 32)" || return 1
    (umask 077 && printf '%s,%s,meshifi-local-backstage,"%s"\n' \
      "$token" "$_LP_USER" "$_LP_GROUPS" >"$file.tmp" && mv -f "$file.tmp" "$file") || return 1
  fi
  echo "$file"
}

# _lp_apiserver_port DIR TOKEN_FILE: the port of DIR's API server when it
# already runs with TOKEN_FILE; otherwise a free port, after stopping a
# control plane started without the token (it starts again with it, its
# data kept).
_lp_apiserver_port() {
  local dir="$1" tokens="$2" pid args
  if process_alive "$dir/run/kube-apiserver.pid"; then
    read -r pid _ <"$dir/run/kube-apiserver.pid"
    args="$(tr '\0' '\n' <"/proc/$pid/cmdline")" || return 1
    if grep -qxF -- "--token-auth-file=$tokens" <<<"$args"; then
      sed -n 's/^--secure-port=//p' <<<"$args"
      return 0
    fi
    say "the control plane in $dir runs without the backend's token: stopping it to start it again with it (its data stays)."
    stop_control_plane "$dir" >&2 || return 1
  fi
  free_ports 1
}

prepare_local_platform() {
  local dir="$1" status="$2" tokens port token ca
  mkdir -p "$dir" "$(dirname "$status")" && dir="$(cd "$dir" && pwd)" || return 1
  make_control_plane_pki "$dir" || return 1
  tokens="$(_lp_token_file "$dir")" || return 1
  port="$(_lp_apiserver_port "$dir" "$tokens")" || return 1
  token="$(cut -d, -f1 "$tokens")" || return 1
  ca="$(base64 -w0 <"$dir/pki/ca/ca.crt")" || return 1
  _lp_write_status "$status" '{"state":"starting"}' || return 1
  APP_CONFIG_kubernetes_clusterLocatorMethods="$(backstage_cluster_json "https://127.0.0.1:$port" "$token" "$ca")"
  APP_CONFIG_meshifi_localPlatform_statusFile="$status"
  MESHIFI_KUBE_APISERVER_PORT="$port"
  MESHIFI_KUBE_TOKEN_AUTH_FILE="$tokens"
  MESHIFI_LOCAL_KUBECONFIG="$dir/kubeconfig"
  export APP_CONFIG_kubernetes_clusterLocatorMethods APP_CONFIG_meshifi_localPlatform_statusFile \
    MESHIFI_KUBE_APISERVER_PORT MESHIFI_KUBE_TOKEN_AUTH_FILE MESHIFI_LOCAL_KUBECONFIG
}

start_local_platform_in_background() {
  local dir="$1" repository="$2" status="$3" log="$4"
  : >"$log" || return 1
  # A session of its own: a Ctrl-C in the terminal does not reach the build;
  # stop_local_platform_start stops it. Fd 3 is the terminal, for the line
  # that says how the start ended: copied before fd 2 becomes the log.
  # shellcheck disable=SC2016 # expanded by the inner bash
  setsid bash -c 'source "$MESHIFI_ROOT/scripts/lib/local-platform.sh" && _lp_start "$@"' local-platform \
    "$dir" "$repository" "$status" "${log#"$MESHIFI_ROOT"/}" 3>&2 </dev/null >>"$log" 2>&1 &
  LOCAL_PLATFORM_PID=$!
}

# _lp_start DIR REPOSITORY STATUS_FILE LOG_AS_SHOWN: runs in the background.
# Its pid goes into the status file, so that the backend tells a start that
# was killed from one still under way.
_lp_start() {
  local dir="$1" repository="$2" status="$3" log
  log="$(_lp_json_string "$4")"
  _lp_write_status "$status" "{\"state\":\"starting\",\"log\":$log,\"pid\":$$}" || return 1
  say "starting the local platform in $dir ($(date -u +%FT%TZ))"
  if start_local_cluster_services "$dir" "$repository"; then
    _lp_write_status "$status" '{"state":"ready"}'
    say "the local platform is up ($(date -u +%FT%TZ))."
    say "the local platform is up: product pages show their provisioning." 2>&3
  else
    _lp_write_status "$status" "{\"state\":\"failed\",\"log\":$log}"
    say "the local platform did not start: see $4" 2>&3
    return 1
  fi
}

stop_local_platform_start() {
  # process_running, not kill -0: an ended child not yet waited for is a
  # zombie, which kill -0 still finds.
  if [ -n "$LOCAL_PLATFORM_PID" ] && process_running "$LOCAL_PLATFORM_PID"; then
    kill -TERM -- "-$LOCAL_PLATFORM_PID" 2>/dev/null || kill -TERM "$LOCAL_PLATFORM_PID" 2>/dev/null || true
    say "stopped the local platform's start; the next ./meshifi start goes on from where it was."
  fi
  LOCAL_PLATFORM_PID=""
}
