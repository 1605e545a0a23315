# shellcheck shell=bash
# Builds the app and runs the backend that serves it on one port.

# shellcheck source=wait.sh
source "$(dirname "${BASH_SOURCE[0]}")/wait.sh"

MESHIFI_URL="${MESHIFI_URL:-http://localhost:7007}"
export MESHIFI_URL
BACKEND_PID=""

build_app() {
  say "building the app ..."
  mkdir -p "$MESHIFI_ROOT/.meshifi"
  (cd "$MESHIFI_ROOT" && yarn workspace app build >"$MESHIFI_ROOT/.meshifi/app-build.log" 2>&1) || {
    say "the app did not build; see .meshifi/app-build.log"
    return 1
  }
}

# Starts the backend in the background and waits until it answers.
start_backend() {
  if _backend_answers; then
    say "something already answers on $MESHIFI_URL: stop it first."
    return 1
  fi
  say "starting the backend (log: .meshifi/backend.log) ..."
  # In a session of its own, so that stopping it stops every process it spawned.
  (cd "$MESHIFI_ROOT/packages/backend" && exec setsid node "$MESHIFI_ROOT/.yarn/releases/yarn-4.13.0.cjs" start) \
    >"$MESHIFI_ROOT/.meshifi/backend.log" 2>&1 &
  BACKEND_PID=$!
  trap stop_backend EXIT INT TERM
  wait_until 300 1 "the backend to answer on $MESHIFI_URL" _backend_answers_while_running ||
    say_with_log_tail "$MESHIFI_ROOT/.meshifi/backend.log" "the backend did not start"
}

_backend_answers() {
  curl -fsS -o /dev/null "$MESHIFI_URL/.backstage/health/v1/readiness" 2>/dev/null
}

# For wait_until: 2 (stop waiting) once the backend has exited.
_backend_answers_while_running() {
  _backend_answers && return 0
  kill -0 "$BACKEND_PID" 2>/dev/null || return 2
  return 1
}

# Stops the backend's whole session and waits until none of it runs: yarn
# exits before the node process that holds the port, and a ./meshifi start
# right after would find the port still taken.
stop_backend() {
  if [ -n "$BACKEND_PID" ] && kill -0 "$BACKEND_PID" 2>/dev/null; then
    kill -TERM -- "-$BACKEND_PID" 2>/dev/null || kill -TERM "$BACKEND_PID" 2>/dev/null || true
    wait "$BACKEND_PID" 2>/dev/null || true
  fi
  if [ -n "$BACKEND_PID" ]; then
    wait_until 10 0.1 "the backend's processes to end" _backend_session_ended ||
      kill -KILL -- "-$BACKEND_PID" 2>/dev/null || true
  fi
  BACKEND_PID=""
}

_backend_session_ended() {
  ! kill -0 -- "-$BACKEND_PID" 2>/dev/null
}

wait_for_backend_exit() {
  wait "$BACKEND_PID"
}
