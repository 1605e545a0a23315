import { GitOpsRepository } from '@meshifi/node';

/**
 * Publishes each file, path to content, in its own commit `Add <path>`, as
 * people add files to a GitOps repository one by one; a file already at a
 * path fails the test's setup instead of being kept or replaced.
 */
export async function commitFilesOneByOne(
  repository: GitOpsRepository,
  files: Record<string, string>,
) {
  for (const [file, content] of Object.entries(files)) {
    await repository.publishFile({
      path: file,
      content,
      message: `Add ${file}`,
      ifExists: () => new Error(`${file} exists`),
    });
  }
}
