/**
 * The files of one side of a change (the base commit, or the working tree)
 * that a plan needs: the changed files, the domain files of their products,
 * and the products of a changed domain. Paths are relative to the
 * repository's root.
 */
export interface RepositorySnapshot {
  /** Each file read, by path. A file the side does not have is absent. */
  files: ReadonlyMap<string, string>;
  /** Each file that exists but was not read, by path, with the reason. */
  unreadable: ReadonlyMap<string, string>;
}

/** A side with no files: before the first commit, or a test's starting point. */
export const EMPTY_SNAPSHOT: RepositorySnapshot = {
  files: new Map(),
  unreadable: new Map(),
};

/** Every path a snapshot knows of, read or not. */
export function pathsOf(snapshot: RepositorySnapshot): string[] {
  return [...snapshot.files.keys(), ...snapshot.unreadable.keys()];
}
