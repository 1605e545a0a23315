# shellcheck shell=bash
# Builds the app and runs the backend that serves it on one port.

MESHIFI_URL="${MESHIFI_URL:-http://localhost:7007}"
export MESHIFI_URL
BACKEND_PID=""

build_app() {
  echo "meshifi: building the app ..." >&2
  mkdir -p "$MESHIFI_ROOT/.meshifi"
  (cd "$MESHIFI_ROOT" && yarn workspace app build >"$MESHIFI_ROOT/.meshifi/app-build.log" 2>&1) || {
    echo "meshifi: the app did not build; see .meshifi/app-build.log" >&2
    return 1
  }
}

# Starts the backend in the background and waits until it answers.
start_backend() {
  if curl -fsS -o /dev/null "$MESHIFI_URL/.backstage/health/v1/readiness" 2>/dev/null; then
    echo "meshifi: something already answers on $MESHIFI_URL: stop it first." >&2
    return 1
  fi
  echo "meshifi: starting the backend (log: .meshifi/backend.log) ..." >&2
  # In a session of its own, so that stopping it stops every process it spawned.
  (cd "$MESHIFI_ROOT/packages/backend" && exec setsid node "$MESHIFI_ROOT/.yarn/releases/yarn-4.13.0.cjs" start) \
    >"$MESHIFI_ROOT/.meshifi/backend.log" 2>&1 &
  BACKEND_PID=$!
  trap stop_backend EXIT INT TERM
  local waited=0
  until curl -fsS -o /dev/null "$MESHIFI_URL/.backstage/health/v1/readiness" 2>/dev/null; do
    if ! kill -0 "$BACKEND_PID" 2>/dev/null; then
      echo "meshifi: the backend stopped while starting; the end of .meshifi/backend.log:" >&2
      tail -n 30 "$MESHIFI_ROOT/.meshifi/backend.log" >&2
      return 1
    fi
    if [ "$waited" -ge 300 ]; then
      echo "meshifi: the backend did not answer within 300 s; see .meshifi/backend.log" >&2
      return 1
    fi
    sleep 1
    waited=$((waited + 1))
  done
}

# Stops the backend's whole session and waits until none of it runs: yarn
# exits before the node process that holds the port, and a ./meshifi start
# right after would find the port still taken.
stop_backend() {
  local i
  if [ -n "$BACKEND_PID" ] && kill -0 "$BACKEND_PID" 2>/dev/null; then
    kill -TERM -- "-$BACKEND_PID" 2>/dev/null || kill -TERM "$BACKEND_PID" 2>/dev/null || true
    wait "$BACKEND_PID" 2>/dev/null || true
  fi
  if [ -n "$BACKEND_PID" ]; then
    for ((i = 0; i < 100; i++)); do
      kill -0 -- "-$BACKEND_PID" 2>/dev/null || break
      sleep 0.1
    done
    kill -KILL -- "-$BACKEND_PID" 2>/dev/null || true
  fi
  BACKEND_PID=""
}

wait_for_backend_exit() {
  wait "$BACKEND_PID"
}
