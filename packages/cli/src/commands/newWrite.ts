import { git } from '@meshifi/node';
import { Scaffolded } from '../scaffold/Scaffolded';
import { writeNewFile } from '../scaffold/writeNewFile';

/** The git repository's root folder, else the folder itself. */
export async function repositoryRootOf(cwd: string): Promise<string> {
  try {
    return (await git(['rev-parse', '--show-toplevel'], { cwd })).trim();
  } catch {
    return cwd;
  }
}

/** Writes what was scaffolded, or says why not; returns the exit code. */
export async function writeScaffolded(
  root: string,
  scaffolded: Scaffolded,
): Promise<number> {
  if (!scaffolded.ok) {
    for (const problem of scaffolded.problems) {
      process.stderr.write(
        `meshifi: ${problem.message} (--${problem.answer})\n`,
      );
    }
    return 1;
  }
  if (!(await writeNewFile(root, scaffolded.path, scaffolded.content))) {
    process.stderr.write(
      `meshifi: ${scaffolded.path} already exists: meshifi new does not overwrite a file.\n`,
    );
    return 1;
  }
  process.stdout.write(
    `Wrote ${scaffolded.path}.\nNext: commit it on a branch and open a pull request; meshifi plan shows what merging it will create.\n`,
  );
  return 0;
}
