import {
  ConflictError,
  CustomErrorBase,
  serializeError,
  ServiceUnavailableError,
} from '@backstage/errors';
import {
  GitOpsAccessDeniedError,
  GitOpsOvertakenError,
  GitOpsPushRejectedError,
  GitOpsUnavailableError,
} from './errors';
import { GitError } from './git';

const TOKEN = 'ghp_secret0123456789';

const failed = (stderr: string) =>
  new GitError(
    ['push', `https://x-access-token:${TOKEN}@github.com/acme/gitops.git`],
    1,
    stderr,
  );
const target = {
  remote: 'https://github.com/acme/gitops.git',
  branch: 'main',
  path: 'domains/sales/products/orders.yaml',
};

describe('the GitOps errors', () => {
  const unavailable = failed(
    `fatal: unable to access 'https://x-access-token:${TOKEN}@github.com/acme/gitops.git/': Could not resolve host: github.com`,
  );
  const denied = failed(
    `remote: Permission to acme/gitops.git denied to meshifi.\nfatal: unable to access 'https://x-access-token:${TOKEN}@github.com/acme/gitops.git/': The requested URL returned error: 403`,
  );
  const overtaken = failed(
    ' ! [rejected]        HEAD -> main (fetch first)\nerror: failed to push some refs',
  );
  const errors = [
    {
      error: new GitOpsUnavailableError(unavailable),
      type: ServiceUnavailableError,
      name: 'ServiceUnavailableError',
      cause: unavailable,
    },
    {
      error: new GitOpsAccessDeniedError(target.remote, denied),
      type: CustomErrorBase,
      name: 'GitOpsAccessDeniedError',
      cause: denied,
    },
    {
      error: new GitOpsPushRejectedError(target, denied),
      type: CustomErrorBase,
      name: 'GitOpsPushRejectedError',
      cause: denied,
    },
    {
      error: new GitOpsOvertakenError(
        { path: target.path, attempts: 5 },
        overtaken,
      ),
      type: ConflictError,
      name: 'ConflictError',
      cause: overtaken,
    },
  ];

  it.each(errors)(
    'is a $name of @backstage/errors that keeps the failed git command as its cause',
    ({ error, type, name, cause }) => {
      expect(error).toBeInstanceOf(type);
      expect(error.name).toBe(name);
      expect(error.cause).toBe(cause);
      // The message is for people: what git said is in it once, in words.
      expect(error.message).not.toContain('caused by');
      expect(error.message).toMatch(/Nothing was changed/);
    },
  );

  it.each(errors)(
    'never carries the credentials of the remote, not even in its serialized cause ($name)',
    ({ error }) => {
      expect(JSON.stringify(serializeError(error))).not.toContain(TOKEN);
      expect(String(error)).not.toContain(TOKEN);
    },
  );

  it('says how often the repository changed under a publish, and that trying again helps', () => {
    expect(
      new GitOpsOvertakenError({ path: target.path, attempts: 5 }, overtaken)
        .message,
    ).toBe(
      'The GitOps repository changed 5 times while meshifi tried to add domains/sales/products/orders.yaml. Nothing was changed: try again.',
    );
  });

  it('is a GitError of @backstage/errors, named for what failed', () => {
    expect(unavailable).toBeInstanceOf(CustomErrorBase);
    expect(unavailable.name).toBe('GitError');
    expect(unavailable.message).toBe(
      "git push failed: fatal: unable to access 'https://github.com/acme/gitops.git/': Could not resolve host: github.com",
    );
  });
});
