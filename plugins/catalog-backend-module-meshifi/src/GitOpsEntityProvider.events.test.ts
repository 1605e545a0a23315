import {
  createMockDirectory,
  mockServices,
} from '@backstage/backend-test-utils';
import {
  EntityProviderConnection,
  EntityProviderMutation,
} from '@backstage/plugin-catalog-node';
import { DefaultEventsService } from '@backstage/plugin-events-node';
import { dataProductManifest, gitopsPath } from '@meshifi/common';
import { GitOpsRepository, GITOPS_PUSHED_TOPIC } from '@meshifi/node';
import path from 'path';
import { stringify } from 'yaml';
import { GitOpsEntityProvider } from './GitOpsEntityProvider';

const product = (name: string) =>
  dataProductManifest({
    info: { name, version: '0.1.0' },
    access: { owners: ['ana@example.com'] },
    domain: 'sales',
  });

// Twenty commits to a real repository take seconds on a busy machine.
jest.setTimeout(60_000);

describe('GitOpsEntityProvider on announced pushes', () => {
  const dir = createMockDirectory();
  let writer: GitOpsRepository;
  let reader: GitOpsRepository;
  let events: DefaultEventsService;
  let provider: GitOpsEntityProvider;
  let mutations: EntityProviderMutation[];

  const productsInCatalog = () => {
    const names = new Set<string>();
    for (const mutation of mutations) {
      const added =
        mutation.type === 'full' ? mutation.entities : mutation.added;
      for (const { entity } of added) {
        if (entity.kind === 'DataProduct') names.add(entity.metadata.name);
      }
    }
    return names;
  };

  const publish = async (name: string) => {
    const manifest = product(name);
    const published = await writer.publishFile({
      path: gitopsPath(manifest),
      content: stringify(manifest),
      message: name,
      ifExists: () => new Error('exists'),
    });
    return published.commit;
  };

  beforeEach(async () => {
    dir.clear();
    const remote = path.join(dir.path, 'gitops.git');
    const author = { name: 'test', email: 'test@localhost' };
    writer = new GitOpsRepository({
      remote,
      branch: 'main',
      mirrorDir: path.join(dir.path, 'writer'),
      author,
      createIfMissing: true,
    });
    reader = new GitOpsRepository({
      remote,
      branch: 'main',
      mirrorDir: path.join(dir.path, 'reader'),
      author,
    });
    await writer.fetch();
    events = DefaultEventsService.create({
      logger: mockServices.logger.mock(),
    });
    mutations = [];
    provider = new GitOpsEntityProvider({
      repository: reader,
      logger: mockServices.logger.mock(),
      defaultOwner: 'group:default/sales',
      events,
    });
    await provider.connect({
      applyMutation: async (mutation: EntityProviderMutation) => {
        mutations.push(mutation);
      },
      refresh: async () => {},
    } as EntityProviderConnection);
    await provider.requestRefresh();
  });

  it('reads a push as soon as it is announced, without a poll', async () => {
    const commit = await publish('orders');
    expect(productsInCatalog()).toEqual(new Set());
    await events.publish({
      topic: GITOPS_PUSHED_TOPIC,
      eventPayload: { remote: reader.remote, branch: 'main', commit, path: '' },
    });
    expect(productsInCatalog()).toEqual(new Set(['orders']));
  });

  it('ignores pushes to other repositories and branches', async () => {
    const commit = await publish('orders');
    const refresh = jest.spyOn(provider, 'refresh');
    for (const eventPayload of [
      { remote: '/elsewhere/gitops.git', branch: 'main', commit },
      { remote: reader.remote, branch: 'feature', commit },
    ]) {
      await events.publish({ topic: GITOPS_PUSHED_TOPIC, eventPayload });
    }
    expect(refresh).not.toHaveBeenCalled();
  });

  it('coalesces a burst of 20 announcements into a few refreshes that read all 20', async () => {
    const refresh = jest.spyOn(provider, 'refresh');
    const commits = [];
    for (let i = 0; i < 20; i++) {
      commits.push(await publish(`product-${i}`));
    }
    await Promise.all(
      commits.map(commit =>
        events.publish({
          topic: GITOPS_PUSHED_TOPIC,
          eventPayload: { remote: reader.remote, branch: 'main', commit },
        }),
      ),
    );
    expect(productsInCatalog().size).toBe(20);
    expect(refresh.mock.calls.length).toBeLessThanOrEqual(2);
  });

  it('logs a refresh that fails, and reads the push at the next request', async () => {
    const commit = await publish('orders');
    const fetch = jest
      .spyOn(reader, 'fetch')
      .mockRejectedValueOnce(new Error('the git server is down'));
    await events.publish({
      topic: GITOPS_PUSHED_TOPIC,
      eventPayload: { remote: reader.remote, branch: 'main', commit },
    });
    expect(productsInCatalog()).toEqual(new Set());
    // The schedule's next run, as the poll would make it.
    await provider.requestRefresh();
    expect(fetch).toHaveBeenCalledTimes(2);
    expect(productsInCatalog()).toEqual(new Set(['orders']));
  });
});
