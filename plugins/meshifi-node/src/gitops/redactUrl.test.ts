import { redactUrl } from './redactUrl';

describe('redactUrl', () => {
  it('removes the user name and password before the host', () => {
    expect(redactUrl('https://user:token@git.example.com/org/x.git')).toBe(
      'https://git.example.com/org/x.git',
    );
    expect(redactUrl('http://ghp_abc123@git.example.com:8080/x')).toBe(
      'http://git.example.com:8080/x',
    );
    expect(redactUrl('https://user:p%40ss@word@git.example.com')).toBe(
      'https://git.example.com',
    );
  });

  it('removes credentials from every URL in a message, as git prints them', () => {
    expect(
      redactUrl(
        "fatal: unable to access 'https://x-access-token:s3cret@github.com/acme/gitops.git/': The requested URL returned error: 403\nerror: failed to push some refs to 'https://oauth2:t0ken@gitlab.com/a/b.git'",
      ),
    ).toBe(
      "fatal: unable to access 'https://github.com/acme/gitops.git/': The requested URL returned error: 403\nerror: failed to push some refs to 'https://gitlab.com/a/b.git'",
    );
  });

  it('hides the values of query parameters that hold secrets', () => {
    expect(
      redactUrl(
        'https://host/x?ref=main&token=abc&access_token=def&Password=ghi&api_key=jkl&sig=mno&X-Amz-Signature=pqr&X-Amz-Security-Token=stu#top',
      ),
    ).toBe(
      'https://host/x?ref=main&token=***&access_token=***&Password=***&api_key=***&sig=***&X-Amz-Signature=***&X-Amz-Security-Token=***#top',
    );
    expect(redactUrl('see <https://host/x?key=1&page=2>.')).toBe(
      'see <https://host/x?key=***&page=2>.',
    );
  });

  it('leaves text without credentials as it is', () => {
    for (const text of [
      'git@github.com:acme/gitops.git',
      'ssh://git@github.com/acme/gitops.git',
      'https://github.com/acme/gitops.git',
      'mail ops@example.com about https://host/path@v2?page=2&monkey=3',
      '/srv/gitops.git',
      '',
    ]) {
      expect(redactUrl(text)).toBe(text);
    }
  });

  it('removes an ssh password but keeps the ssh user name', () => {
    expect(redactUrl('ssh://git:hunter2@host/x.git')).toBe(
      'ssh://git@host/x.git',
    );
  });
});
