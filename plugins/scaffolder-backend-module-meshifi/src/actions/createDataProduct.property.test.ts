import {
  createMockDirectory,
  mockServices,
} from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { InputError, NotAllowedError } from '@backstage/errors';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import { readGitopsFile } from '@meshifi/common';
import fc from 'fast-check';
import { promises as fs } from 'fs';
import path from 'path';
import { createDataProductAction } from './createDataProduct';

const action = createDataProductAction({
  catalog: catalogServiceMock({
    entities: [
      {
        apiVersion: 'backstage.io/v1alpha1',
        kind: 'Domain',
        metadata: { name: 'sales' },
        spec: { owner: 'group:default/sales-analytics' },
      },
      {
        apiVersion: 'backstage.io/v1alpha1',
        kind: 'User',
        metadata: { name: 'ana' },
        spec: { profile: { email: 'ana@example.com' } },
      },
    ],
  }),
  permissions: mockServices.permissions({ result: AuthorizeResult.ALLOW }),
  settings: { allowedProjects: [], allowedEmailDomains: ['example.org'] },
  config: new ConfigReader({
    meshifi: { platform: { project: 'meshifi-test', location: 'EU' } },
  }),
});

/** What a hostile or careless form, or a hand-written template, could send. */
const hostile = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 30 }),
  fc.constantFrom(
    '../../etc/passwd',
    'orders\nkind: Secret',
    'kube-system',
    'default',
    'domain:default/kube-system',
    'domain:default/../finance',
    '*alias',
    '&a [*a]',
    '${{ secrets.token }}',
    'group:evil@attacker.example',
    'eve@example.org',
    'user:default/ana',
    'x'.repeat(3000),
  ),
);
const name = fc.oneof(fc.constantFrom('orders', 'customer-orders'), hostile);
const input = fc.record({
  name,
  title: fc.option(hostile, { nil: undefined }),
  description: fc.option(hostile, { nil: undefined }),
  domain: fc.oneof(fc.constant('domain:default/sales'), hostile),
  owners: fc.array(fc.oneof(fc.constant('user:default/ana'), hostile), {
    maxLength: 3,
  }),
  version: fc.oneof(fc.constant('0.1.0'), hostile),
  location: fc.option(fc.oneof(fc.constant('EU'), hostile), { nil: undefined }),
});

/** Every file under a folder, relative to it. */
async function filesUnder(root: string, dir = root): Promise<string[]> {
  const entries = await fs.readdir(dir, { withFileTypes: true });
  const nested = await Promise.all(
    entries.map(entry => {
      const full = path.join(dir, entry.name);
      return entry.isDirectory()
        ? filesUnder(root, full)
        : [path.relative(root, full)];
    }),
  );
  return nested.flat();
}

jest.setTimeout(300_000);

/**
 * What is wrong with one run: a refusal must be for people (never a crash)
 * and leave nothing behind; a success must write one file that passes the
 * rule every reader of the GitOps repository applies.
 */
async function problemsOf(
  outcome: Error | undefined,
  root: string,
  files: string[],
): Promise<string[]> {
  if (outcome) {
    return [
      ...([InputError.name, NotAllowedError.name].includes(outcome.name)
        ? []
        : [`a crash: ${outcome.name}: ${outcome.message}`]),
      ...(outcome.message.length > 10 ? [] : ['a refusal without a message']),
      ...(files.length === 0 ? [] : [`files left behind: ${files}`]),
    ];
  }
  if (files.length !== 1) {
    return [`${files.length} files written`];
  }
  const read = readGitopsFile(
    files[0],
    await fs.readFile(path.join(root, files[0]), 'utf8'),
  );
  return read.ok ? [] : [`an invalid manifest written: ${read.message}`];
}

describe('meshifi:dataproduct:create with hostile input', () => {
  const workspace = createMockDirectory();

  it('writes only valid manifests at their place, and refuses the rest with a message', async () => {
    let cases = 0;
    let written = 0;
    let refused = 0;
    await fc.assert(
      fc.asyncProperty(input, async values => {
        cases++;
        workspace.clear();
        const ctx = createMockActionContext({
          workspacePath: workspace.path,
          input: values as any,
        });
        const outcome = await action.handler(ctx).then(
          () => undefined,
          (error: Error) => error,
        );
        const files = await filesUnder(workspace.path);
        if (outcome) {
          refused++;
        } else {
          written++;
        }
        expect(await problemsOf(outcome, workspace.path, files)).toEqual([]);
      }),
      { numRuns: 10_000 },
    );
    // eslint-disable-next-line no-console
    console.log(
      `meshifi:dataproduct:create: ${cases} hostile inputs, ${written} valid manifests written, ${refused} refused with a message, 0 invalid manifests, 0 crashes`,
    );
    expect(cases).toBe(10_000);
    expect(written).toBeGreaterThan(0);
    expect(refused).toBeGreaterThan(0);
  });
});
