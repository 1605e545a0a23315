/**
 * Where a product's dbt project is: a Git repository's https address, a
 * branch or tag of it, and the project's folder in it. The CronJob clones
 * exactly that, so each is checked to be nothing else: no credentials in
 * the address (anyone who reads the product reads it), no option for git
 * hidden in a branch name, no way out of the clone through a folder.
 */

/** The branch a product's project is cloned from when it names none. */
export const DEFAULT_DBT_REVISION = 'main';

/**
 * An https address of letters, digits and `. _ -` between slashes: no user
 * or password (no @), no query, no fragment. RE2 and JavaScript alike.
 */
export const REPOSITORY_PATTERN =
  '^https://[A-Za-z0-9]([-A-Za-z0-9.]*[A-Za-z0-9])?(:[0-9]{1,5})?(/[A-Za-z0-9._-]+)+/?$';

/** A branch or tag name that cannot be taken for an option of git. */
export const REVISION_PATTERN = '^[A-Za-z0-9_][A-Za-z0-9._/-]*$';

/** A relative folder: names that do not start with a dot, between slashes. */
export const PROJECT_PATH_PATTERN =
  '^[A-Za-z0-9_][A-Za-z0-9_.-]*(/[A-Za-z0-9_][A-Za-z0-9_.-]*)*$';

export const REPOSITORY_MAX_LENGTH = 500;
export const REVISION_MAX_LENGTH = 200;
export const PROJECT_PATH_MAX_LENGTH = 200;

const EXAMPLE_REPOSITORY = 'https://github.com/acme/sales-dbt.git';

/** The address without a trailing slash, as prefixes are compared. */
const withoutSlash = (address: string) => address.replace(/\/+$/, '');

/**
 * Whether an address is under a prefix, taken as whole path segments:
 * https://github.com/acme holds https://github.com/acme/x, not
 * https://github.com/acme-other/x.
 */
export function isUnderPrefix(repository: string, prefix: string): boolean {
  if (prefix.endsWith('/')) {
    return repository.startsWith(prefix);
  }
  const address = withoutSlash(repository);
  return address === prefix || address.startsWith(`${prefix}/`);
}

/**
 * What is wrong with a repository address, or undefined. `prefixes`: the
 * platform's repositoryPrefixes, where known and set.
 */
export function repositoryProblem(
  repository: unknown,
  prefixes?: readonly string[],
): string | undefined {
  if (typeof repository !== 'string' || repository.trim() === '') {
    return `Give the https address of the dbt project's Git repository, for example ${EXAMPLE_REPOSITORY}.`;
  }
  if (repository.length > REPOSITORY_MAX_LENGTH) {
    return `The repository address is ${repository.length} characters long: use at most ${REPOSITORY_MAX_LENGTH}.`;
  }
  if (!repository.startsWith('https://')) {
    return `Use the repository's https address (it starts with https://), as its Clone button shows it, for example ${EXAMPLE_REPOSITORY}.`;
  }
  const authority = repository.slice('https://'.length).split('/')[0];
  if (authority.includes('@')) {
    return 'Leave the user name, password or token out of the repository address: everyone who can read the product can read it. Use the plain https address.';
  }
  if (!new RegExp(REPOSITORY_PATTERN).test(repository)) {
    return `"${repository}" is not a repository address meshifi can clone: use https://, the host, then the repository's path, without spaces, ?, # or quotes, for example ${EXAMPLE_REPOSITORY}.`;
  }
  const segments = withoutSlash(repository)
    .slice('https://'.length)
    .split('/')
    .slice(1);
  // ".." anywhere, not only as a folder: no address needs it.
  if (repository.includes('..') || segments.includes('.')) {
    return `The repository address "${repository}" has ".." or a "." folder: give the repository's own address.`;
  }
  if (prefixes && prefixes.length > 0) {
    if (!prefixes.some(prefix => isUnderPrefix(repository, prefix))) {
      return `This platform runs dbt projects only from ${prefixes.join(
        ' or ',
      )}: move the project there, or ask the platform team to allow ${repository}.`;
    }
  }
  return undefined;
}

/** What is wrong with a branch or tag name, or undefined. */
export function revisionProblem(revision: unknown): string | undefined {
  if (typeof revision !== 'string' || revision === '') {
    return `Give the branch or tag to run, for example ${DEFAULT_DBT_REVISION}, or leave it out for ${DEFAULT_DBT_REVISION}.`;
  }
  if (revision.length > REVISION_MAX_LENGTH) {
    return `The branch or tag name is ${revision.length} characters long: use at most ${REVISION_MAX_LENGTH}.`;
  }
  if (
    !new RegExp(REVISION_PATTERN).test(revision) ||
    revision.includes('..') ||
    revision.includes('//') ||
    /(\/|\.|\.lock)$/.test(revision)
  ) {
    return `"${revision}" is not a branch or tag Git accepts: use letters, digits, and . _ / - inside, such as main or release/2024-06.`;
  }
  return undefined;
}

/** What is wrong with the project's folder in the repository, or undefined. */
export function projectPathProblem(path: unknown): string | undefined {
  if (typeof path !== 'string' || path === '') {
    return 'Give the folder of the dbt project in the repository, such as sales/orders, or leave it out when dbt_project.yml is at the top.';
  }
  if (path.length > PROJECT_PATH_MAX_LENGTH) {
    return `The project's folder is ${path.length} characters long: use at most ${PROJECT_PATH_MAX_LENGTH}.`;
  }
  if (path.includes('..')) {
    return `The project's folder "${path}" has "..": give the folder from the top of the repository, such as sales/orders.`;
  }
  if (!new RegExp(PROJECT_PATH_PATTERN).test(path)) {
    return `"${path}" is not a folder of the repository: give it from the top, without a leading or trailing /, using letters, digits, _ . and -, such as sales/orders.`;
  }
  return undefined;
}

/**
 * The web page of a project: the repository's address without `.git`, and
 * on GitHub and GitLab the folder at the branch.
 */
export function repositoryWebPage(
  repository: string,
  revision = DEFAULT_DBT_REVISION,
  path?: string,
): string {
  const base = withoutSlash(repository).replace(/\.git$/, '');
  if (!path) {
    return base;
  }
  const host = base.slice('https://'.length).split('/')[0].toLowerCase();
  if (host === 'github.com') {
    return `${base}/tree/${revision}/${path}`;
  }
  if (host === 'gitlab.com') {
    return `${base}/-/tree/${revision}/${path}`;
  }
  return base;
}
