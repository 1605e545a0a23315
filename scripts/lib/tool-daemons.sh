# shellcheck shell=bash
# The node programs of tools/ as daemons of a local control plane in DIR
# (DIR/run/NAME.pid, DIR/logs/NAME.log); a start returns once the daemon's
# log says it is ready:
#
#   start_stand_in_provider DIR  the stand-in for the Crossplane GCP provider
#       (tools/gcp-provider-stand-in): makes meshifi's managed resources Ready
#       as provider-gcp would, Google Cloud being out of reach.
#       MESHIFI_STAND_IN_DELAY_MS is how long a create takes (2000 by default).
#   start_git_http_server DIR REPOSITORY  the read-only git server
#       (tools/git-http-server): serves the local bare repository REPOSITORY
#       over git's smart HTTP on 127.0.0.1, for Flux, which only fetches over
#       http(s) (see flux.sh); its URL in GIT_HTTP_SERVER_URL and
#       DIR/run/git-http-server.url.
#   stop_stand_in_provider DIR, stop_git_http_server DIR
#   repository_for_display URL   URL without the credentials it may hold
#
# The starts are idempotent: a daemon that runs (for the git server: on the
# same repository) is kept.

# shellcheck source=kubernetes.sh
source "$(dirname "${BASH_SOURCE[0]}")/kubernetes.sh"
# shellcheck source=bundles.sh
source "$(dirname "${BASH_SOURCE[0]}")/bundles.sh"

start_stand_in_provider() {
  check_usage "start_stand_in_provider DIR" "$@" || return 1
  local dir
  dir="$(running_control_plane_dir "$1")" || return 1
  if process_alive "$dir/run/gcp-provider-stand-in.pid"; then
    say "the GCP provider stand-in already runs in $dir."
    return 0
  fi
  ensure_local_tools_bundle || return 1
  _start_node_daemon gcp-provider-stand-in "$dir" "standing in for provider-gcp" \
    "$MESHIFI_STAND_IN_JS" --kubeconfig "$dir/kubeconfig" || return 1
  say "the GCP provider stand-in marks meshifi's managed resources Ready (log: $dir/logs/gcp-provider-stand-in.log)"
}

stop_stand_in_provider() {
  [ -d "$1/run" ] || return 0
  stop_daemon "$1/run/gcp-provider-stand-in.pid" "the GCP provider stand-in"
}

start_git_http_server() {
  check_usage "start_git_http_server DIR REPOSITORY" "$@" || return 1
  local dir repository
  dir="$(running_control_plane_dir "$1")" && repository="$(_repository_location "$2")" || return 1
  local pidfile="$dir/run/git-http-server.pid" recorded="$dir/run/git-http-server.repository"
  local url_file="$dir/run/git-http-server.url" log="$dir/logs/git-http-server.log"
  if process_alive "$pidfile"; then
    if [ "$(cat "$recorded" 2>/dev/null)" = "$repository" ] && [ -s "$url_file" ]; then
      GIT_HTTP_SERVER_URL="$(cat "$url_file")"
      return 0
    fi
    stop_git_http_server "$dir" || return 1
  fi
  case "$repository" in
    *://*)
      say "the git HTTP server serves a local repository, not $(repository_for_display "$repository")."
      return 1
      ;;
  esac
  ensure_git_http_server_bundle || return 1
  printf '%s\n' "$repository" >"$recorded"
  _start_node_daemon git-http-server "$dir" "read-only at http://" "$MESHIFI_GIT_HTTP_SERVER_JS" \
    --repository "$repository" || return 1
  GIT_HTTP_SERVER_URL="$(sed -n 's#^.* read-only at \(http://[^ ]*\)$#\1#p' "$log" | tail -n 1)"
  printf '%s\n' "$GIT_HTTP_SERVER_URL" >"$url_file"
  say "the git HTTP server serves $repository read-only at $GIT_HTTP_SERVER_URL (log: $log)"
}

stop_git_http_server() {
  [ -d "$1/run" ] || return 0
  stop_daemon "$1/run/git-http-server.pid" "the git HTTP server" &&
    rm -f "$1/run/git-http-server.repository" "$1/run/git-http-server.url"
}

repository_for_display() {
  sed -E 's#^([a-zA-Z][a-zA-Z0-9+.-]*://)[^/@]*@#\1#' <<<"$1"
}

# _repository_location URL_OR_PATH: a URL as it is, a local path made
# absolute. A local repository may not exist yet: the backend creates it on
# its first start, and Flux keeps trying until then.
_repository_location() {
  case "$1" in
    *://*) printf '%s\n' "$1" ;;
    *)
      local path
      path="$(realpath -m "$1")" || return 1
      [ -d "$path" ] || say "the GitOps repository $path does not exist yet: it is applied once it does."
      printf '%s\n' "$path"
      ;;
  esac
}

# _start_node_daemon NAME DIR READY_PATTERN JS ARGS...: runs the bundled
# program JS and waits until it logs READY_PATTERN (after the lines earlier
# runs left in its log).
_start_node_daemon() {
  local name="$1" dir="$2" ready="$3" pidfile="$2/run/$1.pid" log="$2/logs/$1.log" earlier_lines=0
  shift 3
  [ -f "$log" ] && earlier_lines="$(wc -l <"$log")"
  # DEP0040: a bundled dependency still loads node's punycode module.
  start_daemon "$pidfile" "$log" node --disable-warning=DEP0040 "$@" || return 1
  wait_for_log_line "$name" "$pidfile" "$log" "$earlier_lines" "$ready" && return 0
  stop_daemon "$pidfile" "$name" 2>/dev/null
  return 1
}
