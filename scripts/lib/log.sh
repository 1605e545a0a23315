# shellcheck shell=bash
# The one way the meshifi scripts talk to the person running them: lines on
# stderr starting with "meshifi: ", so that stdout stays free for what a
# function returns (a path, a port, a JSON value).
#
#   say MESSAGE...              one line of progress or of an error
#   say_with_log_tail LOG MESSAGE
#                               the message and the last 30 lines of LOG (what a
#                               process said before it failed); returns 1
#   check_usage USAGE ARG...    a function's arguments are the non-empty words
#                               USAGE names after the function's own name;
#                               otherwise says "usage: USAGE" and returns 1
#   clock_now                   seconds since the epoch, with decimals
#   seconds_since START         seconds (one decimal) since START (a clock_now)

say() {
  echo "meshifi: $*" >&2
}

say_with_log_tail() {
  local log="$1" message="$2"
  say "$message; the end of $log:"
  tail -n 30 "$log" >&2 2>/dev/null || true
  return 1
}

check_usage() {
  local usage="$1" names argument valid=true
  shift
  read -ra names <<<"$usage"
  [ $# -eq $((${#names[@]} - 1)) ] || valid=false
  for argument in "$@"; do
    [ -n "$argument" ] || valid=false
  done
  [ "$valid" = true ] && return 0
  say "usage: $usage"
  return 1
}

clock_now() {
  date +%s.%N
}

seconds_since() {
  awk -v start="$1" -v now="$(clock_now)" 'BEGIN { printf "%.1f", now - start }'
}
