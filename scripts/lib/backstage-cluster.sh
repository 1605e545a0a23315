# shellcheck shell=bash
# Connects a Backstage backend to a local control plane the way a platform
# engineer connects it to a real cluster: a service account bound to the
# RBAC that @meshifi/plugin-meshifi-backend ships, and a token for it.
#
#   backstage_cluster_config KUBECONFIG  -> prints the JSON value of
#       kubernetes.clusterLocatorMethods for that cluster; pass it to the
#       backend as APP_CONFIG_kubernetes_clusterLocatorMethods.
#
# Needs KUBECTL_BIN (scripts/lib/control-plane.sh provides it).

backstage_cluster_config() {
  local kubeconfig="$1" rbac="$MESHIFI_ROOT/plugins/meshifi-backend/rbac"
  local k=("$KUBECTL_BIN" --kubeconfig "$kubeconfig")
  "${k[@]}" create namespace backstage --dry-run=client -o yaml | "${k[@]}" apply -f - >/dev/null || return 1
  "${k[@]}" -n backstage create serviceaccount backstage --dry-run=client -o yaml | "${k[@]}" apply -f - >/dev/null || return 1
  "${k[@]}" apply -f "$rbac/clusterrole.yaml" -f "$rbac/clusterrolebinding.yaml" >/dev/null || return 1
  local server ca token
  server="$("${k[@]}" config view --raw -o jsonpath='{.clusters[0].cluster.server}')" || return 1
  ca="$("${k[@]}" config view --raw -o jsonpath='{.clusters[0].cluster.certificate-authority-data}')" || return 1
  token="$("${k[@]}" -n backstage create token backstage --duration=24h)" || return 1
  printf '[{"type":"config","clusters":[{"name":"local","url":"%s","authProvider":"serviceAccount","serviceAccountToken":"%s","caData":"%s"}]}]\n' \
    "$server" "$token" "$ca"
}
