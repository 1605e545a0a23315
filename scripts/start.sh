#!/usr/bin/env bash
# Command 1: start meshifi on its embedded defaults and print the URL to open.
# The backend starts at once; the local platform (a local Kubernetes control
# plane with Crossplane, the stand-in GCP provider and Flux, so created
# products go from pending to ready) comes up in the background, and the
# backend reads it as soon as it is up. The first start builds it, about 16
# minutes.
#   --no-control-plane  no local platform: product pages show no provisioning.
#   --control-plane     the default, accepted for older instructions.
set -euo pipefail
MESHIFI_ROOT="${MESHIFI_ROOT:-$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)}"
export MESHIFI_ROOT
source "$MESHIFI_ROOT/scripts/lib/node.sh"
source "$MESHIFI_ROOT/scripts/lib/backend.sh"

control_plane=true
case "${1:-}" in
  --control-plane | "") ;;
  --no-control-plane) control_plane=false ;;
  *)
    echo "usage: ./meshifi start [--no-control-plane]" >&2
    exit 2
    ;;
esac

ensure_node
ensure_dependencies
cluster_dir="$MESHIFI_ROOT/.meshifi/control-plane"
status_file="$MESHIFI_ROOT/.meshifi/local-platform.json"
if [ "$control_plane" = true ]; then
  source "$MESHIFI_ROOT/scripts/lib/local-platform.sh"
  # Quick (certificates, a port, a token): the backend needs them to start.
  if ! prepare_local_platform "$cluster_dir" "$status_file"; then
    say "cannot prepare the local platform (see above); starting without it."
    control_plane=false
  fi
fi
build_app
start_backend
if [ "$control_plane" = true ]; then
  start_local_platform_in_background "$cluster_dir" "$MESHIFI_ROOT/.meshifi/gitops.git" \
    "$status_file" "$MESHIFI_ROOT/.meshifi/control-plane.log"
  trap 'stop_local_platform_start; stop_backend' EXIT INT TERM
fi
echo
echo "meshifi is running: open $MESHIFI_URL and press Enter to sign in as guest."
if [ "$control_plane" = true ]; then
  echo "The local platform is starting in the background (log: .meshifi/control-plane.log);"
  echo "the first start builds it, about 16 minutes. Product pages show their provisioning once it is up."
  echo "It keeps running after meshifi stops (KUBECONFIG=$MESHIFI_LOCAL_KUBECONFIG);"
  echo "stop it with: scripts/control-plane stop"
fi
echo "Stop meshifi with Ctrl-C."
wait_for_backend_exit
