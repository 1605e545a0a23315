# shellcheck shell=bash
# Connects a Backstage backend to a local control plane the way a platform
# engineer connects it to a real cluster: a service account bound to the
# RBAC that @meshifi/plugin-meshifi-backend ships, and a token for it.
#
#   backstage_cluster_rbac KUBECONFIG  -> the namespace backstage, its service
#       account backstage and the shipped ClusterRole and binding.
#   backstage_cluster_config KUBECONFIG  -> the RBAC above and a token of the
#       service account; prints the JSON value of
#       kubernetes.clusterLocatorMethods for that cluster; pass it to the
#       backend as APP_CONFIG_kubernetes_clusterLocatorMethods.
#   backstage_cluster_json URL TOKEN CA_DATA  -> that JSON value, for a
#       cluster whose address and token are known before it runs.
#
# Needs KUBECTL_BIN (scripts/lib/control-plane.sh provides it).

backstage_cluster_rbac() {
  local kubeconfig="$1" rbac="$MESHIFI_ROOT/plugins/meshifi-backend/rbac"
  local k=("$KUBECTL_BIN" --kubeconfig "$kubeconfig")
  "${k[@]}" create namespace backstage --dry-run=client -o yaml | "${k[@]}" apply -f - >/dev/null || return 1
  "${k[@]}" -n backstage create serviceaccount backstage --dry-run=client -o yaml | "${k[@]}" apply -f - >/dev/null || return 1
  "${k[@]}" apply -f "$rbac/clusterrole.yaml" -f "$rbac/clusterrolebinding.yaml" >/dev/null || return 1
}

backstage_cluster_config() {
  local kubeconfig="$1"
  local k=("$KUBECTL_BIN" --kubeconfig "$kubeconfig")
  backstage_cluster_rbac "$kubeconfig" || return 1
  local server ca token
  server="$("${k[@]}" config view --raw -o jsonpath='{.clusters[0].cluster.server}')" || return 1
  ca="$("${k[@]}" config view --raw -o jsonpath='{.clusters[0].cluster.certificate-authority-data}')" || return 1
  token="$("${k[@]}" -n backstage create token backstage --duration=24h)" || return 1
  backstage_cluster_json "$server" "$token" "$ca"
}

backstage_cluster_json() {
  printf '[{"type":"config","clusters":[{"name":"local","url":"%s","authProvider":"serviceAccount","serviceAccountToken":"%s","caData":"%s"}]}]\n' \
    "$1" "$2" "$3"
}
