# shellcheck shell=bash
# The Kubernetes programs of the local control plane, built once from the Go
# module proxy into the meshifi cache folder and reused after:
#
#   ensure_kube_apiserver  -> KUBE_APISERVER_BIN, KUBECTL_BIN and
#                             KUBE_CONTROLLER_MANAGER_BIN (one build: they
#                             share nearly all their packages); prints the
#                             kube-apiserver's path
#   ensure_kubectl         -> KUBECTL_BIN (the same build); prints its path
#   ensure_etcd            -> ETCD_BIN; prints its path
#
# Each says its progress on stderr, and after a build checks that the binary
# runs and is the pinned version.

# shellcheck source=go-build.sh
source "$(dirname "${BASH_SOURCE[0]}")/go-build.sh"

# Kubernetes v1.35.1 is the release whose libraries (k8s.io/client-go v0.35.1)
# Crossplane v2.2.1 is built with. The module k8s.io/kubernetes is published
# without its staging modules (k8s.io/api, ...): its go.mod replaces them with
# ./staging/..., which the module zip leaves out, so the build replaces each by
# its published v0.35.1 (see go-build.sh).
MESHIFI_KUBERNETES_VERSION="${MESHIFI_KUBERNETES_VERSION:-v1.35.1}"

# etcd v3.6.5 is the version Kubernetes v1.35.1's go.mod requires (the one it
# is tested with). go.etcd.io/etcd/server/v3 is the etcd command itself.
MESHIFI_ETCD_VERSION="${MESHIFI_ETCD_VERSION:-v3.6.5}"

kubernetes_build_root() {
  echo "$MESHIFI_CACHE/go-tools/kubernetes-$MESHIFI_KUBERNETES_VERSION"
}

ensure_kube_apiserver() {
  local bin name reported
  bin="$(kubernetes_build_root)/bin"
  for name in kube-apiserver kubectl kube-controller-manager; do
    [ -x "$bin/$name" ] || {
      _build_kubernetes "$bin" || return 1
      break
    }
  done
  reported="$("$bin/kube-apiserver" --version 2>/dev/null)"
  if [ "$reported" != "Kubernetes $MESHIFI_KUBERNETES_VERSION" ]; then
    say "$bin/kube-apiserver does not run or is not $MESHIFI_KUBERNETES_VERSION ('$reported'): delete $bin and try again."
    return 1
  fi
  export KUBE_APISERVER_BIN="$bin/kube-apiserver" KUBECTL_BIN="$bin/kubectl" \
    KUBE_CONTROLLER_MANAGER_BIN="$bin/kube-controller-manager"
  printf '%s\n' "$KUBE_APISERVER_BIN"
}

ensure_kubectl() {
  ensure_kube_apiserver >/dev/null || return 1
  printf '%s\n' "$KUBECTL_BIN"
}

# _build_kubernetes BIN_DIR: with the version stamped as the release's own
# build would (kubectl version, the API server's /version).
_build_kubernetes() {
  local version="$MESHIFI_KUBERNETES_VERSION" minor ldflags="" pkg
  minor="${version#v1.}"
  minor="${minor%%.*}"
  for pkg in k8s.io/component-base/version k8s.io/client-go/pkg/version; do
    ldflags="$ldflags -X $pkg.gitVersion=$version -X $pkg.gitMajor=1 -X $pkg.gitMinor=$minor -X $pkg.gitTreeState=clean"
  done
  go_build "Kubernetes (kube-apiserver, kubectl, kube-controller-manager)" k8s.io/kubernetes "$version" \
    "s|^\([[:space:]]*\)\(k8s.io/[a-z0-9-]*\) => \./staging/src/k8s.io/[a-z0-9-]*\$|\1\2 => \2 v0.${version#v1.}|" \
    "$ldflags" "$1" \
    ./cmd/kube-apiserver=kube-apiserver ./cmd/kubectl=kubectl ./cmd/kube-controller-manager=kube-controller-manager
}

ensure_etcd() {
  local version="$MESHIFI_ETCD_VERSION" bin reported
  bin="$MESHIFI_CACHE/go-tools/etcd-$version/bin"
  if [ ! -x "$bin/etcd" ]; then
    # go.etcd.io/etcd/server/v3 replaces its sibling modules (api, client,
    # pkg) with ../...; its go.mod also requires them at the same release,
    # which is what a module that depends on it gets: drop the replaces.
    go_build etcd go.etcd.io/etcd/server/v3 "$version" '/=> \.\{1,2\}\//d' "" "$bin" .=etcd || return 1
  fi
  # Captured first: grep -q in a pipe would stop etcd with SIGPIPE (pipefail).
  reported="$("$bin/etcd" --version 2>/dev/null)"
  if ! grep -q "^etcd Version: ${version#v}\$" <<<"$reported"; then
    say "$bin/etcd does not run or is not $version: delete $(dirname "$bin") and try again."
    return 1
  fi
  export ETCD_BIN="$bin/etcd"
  printf '%s\n' "$ETCD_BIN"
}
