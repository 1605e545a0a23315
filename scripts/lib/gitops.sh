# shellcheck shell=bash
# The embedded default GitOps repository: a bare git repository under the
# ignored .meshifi/ folder, made on first start with one commit on main.

ensure_local_gitops_repo() {
  local repo="$MESHIFI_ROOT/.meshifi/gitops.git"
  if [ -d "$repo" ]; then
    return 0
  fi
  echo "meshifi: creating the local GitOps repository in .meshifi/gitops.git" >&2
  local work
  work="$(mktemp -d)"
  git init --quiet --bare --initial-branch=main "$repo"
  git init --quiet --initial-branch=main "$work"
  cat >"$work/README.md" <<'README'
# meshifi GitOps repository

Every data product is one file, grouped by domain:
`domains/<domain>/domain.yaml` and `domains/<domain>/products/<product>.yaml`.
meshifi writes these files; the GitOps engine applies them to the platform cluster.
README
  git -C "$work" add README.md
  git -C "$work" -c user.name=meshifi -c user.email=meshifi@localhost \
    commit --quiet -m "Start the meshifi GitOps repository"
  git -C "$work" push --quiet "$repo" main
  rm -rf "$work"
}
