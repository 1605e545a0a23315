# shellcheck shell=bash
# Builds Go programs (kube-apiserver, etcd, Crossplane, function-auto-ready)
# from a module version on the Go module proxy, the one way all of them are
# built:
#
#   go_build WHAT MODULE VERSION GO_MOD_EDIT LDFLAGS BIN_DIR PACKAGE=NAME...
#       builds each PACKAGE (a path inside the module, e.g. ./cmd/crank) of
#       MODULE@VERSION into BIN_DIR/NAME. GO_MOD_EDIT is a sed script applied
#       to the module's go.mod first ("" for none): it must turn the module's
#       replace directives that point into its own repository (../api,
#       ./staging/...), which the module zip leaves out, into published
#       versions. LDFLAGS are added to "-s -w".
#   go_module_dir MODULE@VERSION -> the module's folder in the Go module cache
#       (downloaded first); also for modules that only ship files (CRDs).
#
# Why `go build` inside the downloaded module rather than `go install
# module/path@version`: the module proxy reachable here refuses version
# listings (@v/list), through which `go install pkg@version` looks up the
# module's deprecation, and aborts. function-auto-ready's go.mod also declares
# a path (github.com/crossplane/...) other than the one it is published under
# (github.com/crossplane-contrib/...), which `go install` rejects. Building
# inside the module uses its own go.mod and go.sum, as `go build` in its own
# repository would.
#
# The -mod policy: the module cache is read-only, so the build reads a copy
# of go.mod and go.sum (-modfile) in a scratch folder, with -mod=mod. That
# lets it add the sums go.sum lacks once GO_MOD_EDIT has replaced local
# modules by published ones (k8s.io/api v0.35.1 for ./staging/src/k8s.io/api),
# checked against the checksum database as any download is. For a module built
# unedited, nothing is added: its go.sum is complete.

# shellcheck source=paths.sh
source "$(dirname "${BASH_SOURCE[0]}")/paths.sh"
# shellcheck source=log.sh
source "$(dirname "${BASH_SOURCE[0]}")/log.sh"

# need_go: the go command is on PATH, or a message saying how to get it.
need_go() {
  command -v go >/dev/null 2>&1 && return 0
  say "the Crossplane tools and the control plane are built with Go, and no 'go' command is on PATH: install Go 1.25 or newer and try again."
  return 1
}

# go_command ARGS...: go with settings that do not depend on the caller's
# environment (no workspace, no C compiler, no VCS stamping).
go_command() {
  GOWORK=off GOFLAGS=-buildvcs=false CGO_ENABLED=0 go "$@"
}

go_module_dir() {
  local spec="$1" json="" dir attempt
  for attempt in 1 2 3; do
    json="$(cd / && go_command mod download -json "$spec" 2>&1)" && break
    # A refused or missing version does not get better by retrying.
    grep -qE '403|404|410|not available|not found|invalid version' <<<"$json" && break
    [ "$attempt" -lt 3 ] && sleep $((attempt * 5))
  done
  dir="$(_go_json_field Dir <<<"$json")"
  if [ -z "$dir" ] || [ ! -d "$dir" ]; then
    local error
    error="$(_go_json_field Error <<<"$json")"
    echo "${error:-$json}" >&2
    return 1
  fi
  printf '%s\n' "$dir"
}

# _go_json_field NAME: the string field NAME of `go mod download -json`.
_go_json_field() {
  sed -n "s/^[[:space:]]*\"$1\": \"\(.*\)\",\{0,1\}\$/\1/p" | head -n 1
}

go_build() {
  local what="$1" module="$2" version="$3" edit="$4" ldflags="$5" bin="$6"
  shift 6
  need_go || return 1
  say "building $what $version from $module (the first time takes several minutes) ..."
  local module_dir
  if ! module_dir="$(go_module_dir "$module@$version")"; then
    say "cannot download $module@$version from the Go module proxy (see the error above)."
    return 1
  fi
  local scratch started=$SECONDS built=0
  mkdir -p "$bin" && scratch="$(mktemp -d "$bin/.build.XXXXXX")" || return 1
  _go_write_modfile "$module_dir" "$edit" "$scratch" &&
    _go_build_packages "$module_dir" "$scratch" "$ldflags" "$@" &&
    _go_install_binaries "$scratch/bin" "$bin" || built=$?
  rm -rf "$scratch"
  if [ "$built" -ne 0 ]; then
    say "building $what $version failed (see the Go errors above)."
    return 1
  fi
  say "built $what $version in $((SECONDS - started)) s: $bin"
}

# _go_write_modfile MODULE_DIR SED_SCRIPT SCRATCH: SCRATCH/go.mod and go.sum,
# the module's own, edited. The toolchain line goes: the installed go builds.
_go_write_modfile() {
  local module_dir="$1" edit="$2" scratch="$3"
  sed -e '/^toolchain /d' -e "${edit:-}" "$module_dir/go.mod" >"$scratch/go.mod" &&
    cp "$module_dir/go.sum" "$scratch/go.sum" && chmod u+w "$scratch/go.sum"
}

# _go_build_packages MODULE_DIR SCRATCH LDFLAGS PACKAGE=NAME...: builds into
# SCRATCH/bin.
_go_build_packages() {
  local module_dir="$1" scratch="$2" ldflags="$3" spec
  shift 3
  for spec in "$@"; do
    (cd "$module_dir" && go_command build -mod=mod -modfile="$scratch/go.mod" -trimpath \
      -ldflags="-s -w $ldflags" -o "$scratch/bin/${spec#*=}" "${spec%%=*}") >&2 || return 1
  done
}

# _go_install_binaries FROM TO: moves the built binaries into place only once
# all are built, so that a failed or interrupted build leaves none half made.
_go_install_binaries() {
  local from="$1" to="$2" file
  for file in "$from"/*; do
    mv -f "$file" "$to/" || return 1
  done
}
