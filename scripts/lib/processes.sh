# shellcheck shell=bash
# The control plane's processes (etcd, kube-apiserver, Crossplane, ...) are
# plain daemons on 127.0.0.1, each recorded in a pid file "PID START_TIME":
# with the start time, a pid reused by another process after a crash is not
# taken for the daemon.
#
#   start_daemon PIDFILE LOG COMMAND...   runs COMMAND in the background, with
#                                         none of the caller's open files
#   stop_daemon PIDFILE NAME              TERM, then KILL after 20 s
#   process_alive PIDFILE                 the recorded process runs
#   process_running PID                   PID runs (and is not a zombie)
#   while_running PIDFILE CHECK...        CHECK's status for wait_until, or 2
#                                         (stop waiting) once the process ended
#   wait_for_port NAME PORT PIDFILE LOG   until the daemon listens on PORT
#   wait_for_log_line NAME PIDFILE LOG SKIP PATTERN
#                                         until it logs PATTERN after line SKIP
#   port_open PORT                        something listens on 127.0.0.1:PORT
#   free_ports N                          N ports nothing listens on

# shellcheck source=log.sh
source "$(dirname "${BASH_SOURCE[0]}")/log.sh"
# shellcheck source=wait.sh
source "$(dirname "${BASH_SOURCE[0]}")/wait.sh"

# _process_stat PID: the fields of /proc/PID/stat after the command name (the
# name, in parentheses, may hold spaces): the state first.
_process_stat() {
  local stat
  stat="$(cat "/proc/$1/stat" 2>/dev/null)" || return 1
  echo "${stat##*) }"
}

# _process_start_time PID: clock ticks from boot to the start of PID.
_process_start_time() {
  local fields
  fields="$(_process_stat "$1")" || return 1
  # shellcheck disable=SC2086 # split into the fields
  set -- $fields
  echo "${20}"
}

process_running() {
  local fields
  fields="$(_process_stat "$1")" || return 1
  [ "${fields%% *}" != Z ]
}

process_alive() {
  local pid="" start=""
  [ -f "$1" ] || return 1
  read -r pid start <"$1" || true
  [ -n "$pid" ] && [ "$(_process_start_time "$pid")" = "$start" ] && process_running "$pid"
}

# start_daemon PIDFILE LOG COMMAND...: in a session of its own (a Ctrl-C in
# the caller's terminal does not reach it) and not as a child of the caller's
# shell (whose `wait` does not wait for it); output appended to LOG, and none
# of the caller's other open files: a daemon would hold them (a lock, the
# pipe a test runner reads to its end) for as long as it runs.
start_daemon() {
  local pidfile="$1" log="$2"
  shift 2
  rm -f "$pidfile"
  (
    exec </dev/null >>"$log" 2>&1
    _close_inherited_files
    setsid "$@" &
    echo "$! $(_process_start_time $!)" >"$pidfile"
  )
  [ -s "$pidfile" ]
}

_close_inherited_files() {
  local path fd
  for path in "/proc/$BASHPID/fd/"*; do
    fd="${path##*/}"
    if [ "$fd" -gt 2 ] && [ "$fd" -lt 255 ]; then
      exec {fd}>&-
    fi
  done
}

stop_daemon() {
  local pidfile="$1" name="$2" pid
  if process_alive "$pidfile"; then
    read -r pid _ <"$pidfile"
    kill -TERM "$pid" 2>/dev/null || true
    if ! wait_until 20 0.1 "$name (pid $pid) to stop" _process_ended "$pidfile"; then
      say "killing $name (pid $pid)."
      kill -KILL "$pid" 2>/dev/null || true
      wait_until 5 0.1 "$name (pid $pid) to end" _process_ended "$pidfile" || return 1
    fi
  fi
  rm -f "$pidfile"
}

_process_ended() {
  ! process_alive "$1"
}

while_running() {
  local pidfile="$1"
  shift
  "$@" && return 0
  process_alive "$pidfile" || return 2
  return 1
}

port_open() {
  (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

wait_for_port() {
  local name="$1" port="$2" pidfile="$3" log="$4"
  wait_until 30 0.1 "$name to listen on 127.0.0.1:$port" while_running "$pidfile" port_open "$port" ||
    say_with_log_tail "$log" "$name did not start"
}

wait_for_log_line() {
  local name="$1" pidfile="$2" log="$3" skip="$4" pattern="$5"
  wait_until 30 0.1 "$name to log '$pattern'" while_running "$pidfile" _log_has_line "$log" "$skip" "$pattern" ||
    say_with_log_tail "$log" "$name did not start"
}

# _log_has_line LOG SKIP PATTERN: a line after the first SKIP (earlier runs')
# matches PATTERN.
_log_has_line() {
  tail -n "+$(($2 + 1))" "$1" 2>/dev/null | grep -q -- "$3"
}

# free_ports N: below Linux's ephemeral range (32768 and up), so that no
# outgoing connection takes them before the daemon does.
free_ports() {
  local wanted="$1" found=" " port tries
  for ((tries = 0; tries < 500; tries++)); do
    [ "$wanted" -eq 0 ] && break
    port=$((20000 + RANDOM % 12000))
    case "$found" in *" $port "*) continue ;; esac
    port_open "$port" && continue
    found="$found$port "
    wanted=$((wanted - 1))
  done
  if [ "$wanted" -gt 0 ]; then
    say "cannot find a free port on 127.0.0.1."
    return 1
  fi
  # shellcheck disable=SC2086 # one line of ports
  echo $found
}
