import { GitOpsRepository, GITOPS_PUSHED_TOPIC } from '@meshifi/node';
import { announcesPushTo, GITHUB_PUSH_TOPIC } from './pushAnnouncements';

const repository = new GitOpsRepository({
  remote: 'https://github.com/acme/gitops.git',
  branch: 'main',
  mirrorDir: '/nonexistent',
  author: { name: 'x', email: 'x@localhost' },
});

const github = (ref: string, url: string) => ({
  topic: GITHUB_PUSH_TOPIC,
  eventPayload: { ref, repository: { clone_url: url, html_url: url } },
});

describe('announcesPushTo', () => {
  it("reads meshifi's own announcement of this repository and branch", () => {
    const payload = { remote: repository.remote, branch: 'main', commit: 'c' };
    expect(
      announcesPushTo(
        { topic: GITOPS_PUSHED_TOPIC, eventPayload: payload },
        repository,
      ),
    ).toBe(true);
    expect(
      announcesPushTo(
        {
          topic: GITOPS_PUSHED_TOPIC,
          eventPayload: { ...payload, branch: 'dev' },
        },
        repository,
      ),
    ).toBe(false);
  });

  it.each([
    'https://github.com/acme/gitops.git',
    'https://github.com/Acme/GitOps',
    'https://github.com/acme/gitops/',
  ])('reads a GitHub push to %s on the branch', url => {
    expect(announcesPushTo(github('refs/heads/main', url), repository)).toBe(
      true,
    );
  });

  it.each([
    ['another branch', 'refs/heads/dev', 'https://github.com/acme/gitops.git'],
    ['a tag', 'refs/tags/main', 'https://github.com/acme/gitops.git'],
    [
      'another repository',
      'refs/heads/main',
      'https://github.com/acme/gitops-old.git',
    ],
    [
      'another host',
      'refs/heads/main',
      'https://github.example.com/acme/gitops.git',
    ],
  ])('ignores a GitHub push to %s', (_what, ref, url) => {
    expect(announcesPushTo(github(ref, url), repository)).toBe(false);
  });

  it('ignores an announcement without a payload it understands', () => {
    expect(
      announcesPushTo(
        { topic: GITHUB_PUSH_TOPIC, eventPayload: null },
        repository,
      ),
    ).toBe(false);
    expect(
      announcesPushTo(
        { topic: GITOPS_PUSHED_TOPIC, eventPayload: 'x' },
        repository,
      ),
    ).toBe(false);
  });
});
