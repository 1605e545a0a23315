#!/usr/bin/env bash
# Command 1: start meshifi on its embedded defaults and print the URL to open.
#   --control-plane  also start a local Kubernetes control plane with
#                    Crossplane, the stand-in GCP provider and a GitOps sync
#                    loop, so created products go from pending to ready.
set -euo pipefail
MESHIFI_ROOT="${MESHIFI_ROOT:-$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)}"
export MESHIFI_ROOT
source "$MESHIFI_ROOT/scripts/lib/node.sh"
source "$MESHIFI_ROOT/scripts/lib/backend.sh"

control_plane=false
case "${1:-}" in
  --control-plane) control_plane=true ;;
  "") ;;
  *)
    echo "usage: ./meshifi start [--control-plane]" >&2
    exit 2
    ;;
esac

ensure_node
ensure_dependencies
if [ "$control_plane" = true ]; then
  source "$MESHIFI_ROOT/scripts/lib/local-cluster.sh"
  cluster_dir="$MESHIFI_ROOT/.meshifi/control-plane"
  start_local_cluster "$cluster_dir" "$MESHIFI_ROOT/.meshifi/gitops.git"
fi
build_app
start_backend
echo
echo "meshifi is running: open $MESHIFI_URL and press Enter to sign in as guest."
if [ "$control_plane" = true ]; then
  echo "The local control plane runs in .meshifi/control-plane (KUBECONFIG=$MESHIFI_LOCAL_KUBECONFIG);"
  echo "stop it with: scripts/control-plane stop"
fi
echo "Stop meshifi with Ctrl-C."
wait_for_backend_exit
