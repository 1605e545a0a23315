# shellcheck shell=bash
# The local control plane for a running meshifi: real kube-apiserver, etcd and
# Crossplane, the stand-in GCP provider, and Flux applying the GitOps
# repository the backend writes to with the objects of deploy/flux, as on a
# platform cluster. The backend reads the cluster as a service account bound
# to plugins/meshifi-backend/rbac.
#
#   start_local_cluster DIR REPOSITORY -> exports
#       APP_CONFIG_kubernetes_clusterLocatorMethods for the backend and
#       MESHIFI_LOCAL_KUBECONFIG. The sample domains and products reach the
#       cluster as every product does: the backend creates REPOSITORY with
#       them (meshifi.gitops.initialContent) and Flux applies it.
#   start_local_cluster_services DIR REPOSITORY -> the same without the
#       backend's token and exports, for a backend configured beforehand
#       (scripts/lib/local-platform.sh).
source "$MESHIFI_ROOT/scripts/lib/control-plane.sh"
source "$MESHIFI_ROOT/scripts/lib/backstage-cluster.sh"

start_local_cluster() {
  local dir="$1" repository="$2" clusters
  start_local_cluster_services "$dir" "$repository" || return 1
  clusters="$(backstage_cluster_config "$dir/kubeconfig")" || return 1
  APP_CONFIG_kubernetes_clusterLocatorMethods="$clusters"
  MESHIFI_LOCAL_KUBECONFIG="$dir/kubeconfig"
  export APP_CONFIG_kubernetes_clusterLocatorMethods MESHIFI_LOCAL_KUBECONFIG KUBECTL_BIN
}

start_local_cluster_services() {
  local dir="$1" repository="$2"
  bash "$MESHIFI_ROOT/scripts/control-plane" start --flux "$repository" "$dir" || return 1
  ensure_kubectl >/dev/null || return 1
  backstage_cluster_rbac "$dir/kubeconfig"
}

stop_local_cluster() {
  bash "$MESHIFI_ROOT/scripts/control-plane" stop "$1"
}
