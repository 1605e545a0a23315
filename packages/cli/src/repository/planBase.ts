import { hasControlCharacter, printablePath } from '@meshifi/common';
import { git } from '@meshifi/node';
import { RepositoryError } from './RepositoryError';

/** What a plan compares the working tree with. */
export interface PlanBase {
  /** The ref as given, or the one chosen. */
  ref: string;
  /** The commit; undefined when the repository has no commit yet. */
  commit?: string;
  /** Which base this is and why, in words. */
  description: string;
}

/** The branches a change is merged into, in the order they are looked for. */
const DEFAULT_TARGETS = ['origin/main', 'main'];

const short = (commit: string) => commit.slice(0, 12);

/** The commit a ref names, or undefined when it names none. */
async function commitOf(root: string, ref: string) {
  try {
    const out = await git(
      [
        'rev-parse',
        '--verify',
        '--quiet',
        '--end-of-options',
        `${ref}^{commit}`,
      ],
      { cwd: root },
    );
    return out.trim() || undefined;
  } catch {
    return undefined;
  }
}

async function mergeBase(root: string, a: string, b: string) {
  try {
    return (await git(['merge-base', a, b], { cwd: root })).trim();
  } catch {
    return undefined;
  }
}

/** The base the user named: a commit of the repository, or a RepositoryError. */
async function namedBase(root: string, ref: string): Promise<PlanBase> {
  const commit =
    ref && !hasControlCharacter(ref) ? await commitOf(root, ref) : undefined;
  if (!commit) {
    throw new RepositoryError(
      `The base "${printablePath(
        ref,
      )}" is not a commit of this repository: give a branch, tag or commit it has (for a branch of the remote, fetch it first, e.g. git fetch origin main).`,
    );
  }
  return { ref, commit, description: `${ref} (${short(commit)})` };
}

/**
 * The base of a plan: the ref given, or else where the current branch left
 * the branch it merges into (the merge base of HEAD with origin/main, else
 * main), or else HEAD itself, so that only this change's files count.
 */
export async function resolvePlanBase(
  root: string,
  ref?: string,
): Promise<PlanBase> {
  if (ref !== undefined) {
    return namedBase(root, ref);
  }
  const head = await commitOf(root, 'HEAD');
  if (!head) {
    return {
      ref: 'HEAD',
      description: 'nothing: the repository has no commit yet',
    };
  }
  for (const target of DEFAULT_TARGETS) {
    if (!(await commitOf(root, target))) {
      continue;
    }
    const commit = await mergeBase(root, 'HEAD', target);
    if (commit) {
      return {
        ref: target,
        commit,
        description: `the merge base of HEAD and ${target} (${short(commit)})`,
      };
    }
  }
  return {
    ref: 'HEAD',
    commit: head,
    description: `HEAD (${short(
      head,
    )}): no branch origin/main or main to compare with`,
  };
}
