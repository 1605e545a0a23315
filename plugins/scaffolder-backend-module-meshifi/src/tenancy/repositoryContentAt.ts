import { DataDomain, readGitopsFile, RepositoryContent } from '@meshifi/common';
import { GitOpsRepository } from '@meshifi/node';

const DOMAIN_FILE = /^domains\/[^/]+\/domain\.yaml$/;

/**
 * What the repository holds at a commit, for publishConflict: every path
 * (a product's name is its file's name, since a file's path equals its
 * content) and the domains, read with the one rule for GitOps files. A
 * broken domain file holds no domain.
 */
export async function repositoryContentAt(
  repository: GitOpsRepository,
  commit: string,
): Promise<RepositoryContent> {
  const paths = await repository.listFiles(commit);
  const { contents } = await repository.readFiles(
    commit,
    paths.filter(path => DOMAIN_FILE.test(path)),
  );
  const domains: DataDomain[] = [];
  for (const [path, content] of contents) {
    const read = readGitopsFile(path, content);
    if (read.ok && read.manifest.kind === 'DataDomain') {
      domains.push(read.manifest);
    }
  }
  return { paths, domains };
}
