/**
 * What git's stderr says about a failed fetch or push. Only a race is worth
 * another attempt; a refusal stays a refusal however often it is tried.
 */
export type GitFailure =
  /** Another push landed first: rebuild on the new head and try again. */
  | 'overtaken'
  /** The server or its credentials refuse: only the platform team can fix it. */
  | 'denied'
  /** The repository refused this push (hook, protected branch). */
  | 'refused'
  /** Anything else: the server may be down or slow. */
  | 'unavailable';

/**
 * A push built on a head that moved: git's own check (`fetch first`,
 * `non-fast-forward`, `stale info`) or the server's, when two pushes reach
 * the ref at the same moment (`cannot lock ref`).
 */
const OVERTAKEN = [
  /!\s*\[rejected\].*\((fetch first|non-fast-forward|stale info)\)/,
  /cannot lock ref/,
];

/** The server does not accept meshifi's credentials, or hides the repository from them. */
const DENIED = [
  /Authentication failed/i,
  /could not read (Username|Password)/i,
  /Invalid username or password/i,
  /returned error: 40[13]\b/,
  /\bHTTP 40[13]\b/,
  /Permission to \S+ denied/i,
  // ssh's refusal; not a file's "Permission denied" on this host.
  /Permission denied \(publickey/i,
  /Write access to repository not granted/i,
  /repository '[^']*' not found/i,
  /Repository not found/i,
];

/** The repository itself refuses the change, whoever tries. */
const REFUSED = [
  /!\s*\[remote rejected\]/,
  /!\s*\[rejected\]/,
  /protected branch/i,
  /hook declined/i,
];

const matches = (patterns: RegExp[], stderr: string) =>
  patterns.some(pattern => pattern.test(stderr));

/** Classifies a failed git command by what it printed. */
export function classifyGitFailure(stderr: string): GitFailure {
  if (matches(OVERTAKEN, stderr)) {
    return 'overtaken';
  }
  if (matches(DENIED, stderr)) {
    return 'denied';
  }
  if (matches(REFUSED, stderr)) {
    return 'refused';
  }
  return 'unavailable';
}

/**
 * The reason a server gave, in its own words: the hook's output (the
 * `remote:` lines), the rejected ref's reason and git's final complaint,
 * without the hints git adds for people at a terminal and its generic
 * "failed to push some refs".
 */
export function reasonGiven(stderr: string): string {
  const lines = stderr
    .split('\n')
    .map(line => line.replace(/^remote:\s?/, '').trim())
    .filter(
      line =>
        line && !/^(hint:|To\s|error: failed to push some refs)/.test(line),
    );
  return lines.slice(-8).join(' ').slice(0, 800);
}
