# shellcheck shell=bash
# Waiting for something to become true (a port to open, a server to answer,
# a CRD to be established), in one place: every wait has a time limit and
# says what it waited for when it gives up.
#
#   wait_until SECONDS INTERVAL WHAT COMMAND [ARG...]
#
# Runs COMMAND every INTERVAL seconds until it succeeds (returns 0). When it
# has not succeeded after SECONDS, says "gave up waiting for WHAT after
# SECONDS s" and returns 1. COMMAND may end the wait early by returning 2,
# meaning "this will never succeed" (the process it waits for has ended, see
# while_running in processes.sh); then the wait returns 1 at once.
# WHAT reads after "waiting for", e.g. "etcd to listen on 127.0.0.1:2379".
# SECONDS is a whole number.

# shellcheck source=log.sh
source "$(dirname "${BASH_SOURCE[0]}")/log.sh"

wait_until() {
  local seconds="$1" interval="$2" what="$3" status
  shift 3
  # Microseconds from bash's own clock: the whole seconds of $SECONDS would
  # end a 1 s wait at the next full second, however near.
  local deadline=$((${EPOCHREALTIME/[.,]/} + seconds * 1000000))
  while :; do
    status=0
    "$@" || status=$?
    case "$status" in
      0) return 0 ;;
      2)
        say "gave up waiting for $what"
        return 1
        ;;
    esac
    if [ "${EPOCHREALTIME/[.,]/}" -ge "$deadline" ]; then
      say "gave up waiting for $what after $seconds s"
      return 1
    fi
    sleep "$interval"
  done
}

