import { classifyGitFailure, reasonGiven } from './gitFailures';

const REF = 'abc123 -> main';

describe('classifyGitFailure', () => {
  it.each([
    [`! [rejected]        ${REF} (fetch first)`, 'overtaken'],
    [`! [rejected]        ${REF} (non-fast-forward)`, 'overtaken'],
    [`! [rejected]        ${REF} (stale info)`, 'overtaken'],
    [
      `remote: error: cannot lock ref 'refs/heads/main': is at 1 but expected 2\n! [remote rejected] ${REF} (failed to update ref)`,
      'overtaken',
    ],
    [`! [remote rejected] ${REF} (pre-receive hook declined)`, 'refused'],
    [
      `remote: error: GH006: Protected branch update failed for refs/heads/main.\n! [remote rejected] ${REF} (protected branch hook declined)`,
      'refused',
    ],
    [`! [rejected]        ${REF} (needs force)`, 'refused'],
    [
      "fatal: Authentication failed for 'https://github.com/a/b.git/'",
      'denied',
    ],
    [
      "fatal: could not read Username for 'https://github.com': terminal prompts disabled",
      'denied',
    ],
    [
      "remote: Permission to a/b.git denied to bot.\nfatal: unable to access 'https://github.com/a/b.git/': The requested URL returned error: 403",
      'denied',
    ],
    [
      "remote: Repository not found.\nfatal: repository 'https://github.com/a/b.git/' not found",
      'denied',
    ],
    ['git@github.com: Permission denied (publickey).', 'denied'],
    [
      "fatal: unable to access 'https://github.com/a/b.git/': Could not resolve host: github.com",
      'unavailable',
    ],
    ['timed out after 500 ms', 'unavailable'],
  ])('%s: %s', (stderr, expected) => {
    expect(classifyGitFailure(stderr)).toBe(expected);
  });
});

describe('reasonGiven', () => {
  it("keeps the server's words, without git's hints", () => {
    expect(
      reasonGiven(
        [
          'remote: main is protected: open a pull request',
          'To https://github.com/a/b.git',
          ` ! [remote rejected] ${REF} (pre-receive hook declined)`,
          "error: failed to push some refs to 'https://github.com/a/b.git'",
          'hint: Updates were rejected',
          '',
        ].join('\n'),
      ),
    ).toBe(
      `main is protected: open a pull request ! [remote rejected] ${REF} (pre-receive hook declined)`,
    );
  });
});
