/*
 * The example runs through the action's real handler against a started
 * meshifi backend plugin: the request reaches its route in the name of the
 * person who ran the template, and the backend's refusals reach the task.
 * The catalog is Backstage's in-memory stand-in, holding the example's
 * product and consumer.
 */
import {
  createMockDirectory,
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { CATALOG_API_VERSION, MESHIFI_ANNOTATIONS } from '@meshifi/common';
// The action's counterpart, started for real: a test-only dependency.
// eslint-disable-next-line @backstage/no-mixed-plugin-imports
import meshifiPlugin from '@meshifi/plugin-meshifi-backend';
import { promises as fs } from 'fs';
import { AddressInfo } from 'net';
import path from 'path';
import request from 'supertest';
import { parse } from 'yaml';
import { runExample } from '../__testUtils__/runExample';
import { requestDataAccessAction } from './requestDataAccess';
import { examples } from './requestDataAccess.examples';

const entities: Entity[] = [
  {
    apiVersion: CATALOG_API_VERSION,
    kind: 'DataProduct',
    metadata: {
      name: 'customer-orders',
      namespace: 'default',
      annotations: {
        [MESHIFI_ANNOTATIONS.xrNamespace]: 'sales',
        [MESHIFI_ANNOTATIONS.xrName]: 'customer-orders',
      },
    },
    spec: {
      type: 'data-product',
      lifecycle: 'experimental',
      owner: 'group:default/sales-analytics',
      domain: 'sales',
      version: '0.1.0',
      owners: ['group:sales-analytics@example.com'],
    },
  },
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Group',
    metadata: { name: 'finance', namespace: 'default' },
    spec: { type: 'team', profile: { email: 'finance@example.com' } },
  },
];

describe('meshifi:access:request examples', () => {
  const workspace = createMockDirectory();
  let server: Awaited<ReturnType<typeof startTestBackend>>['server'];
  let action: ReturnType<typeof requestDataAccessAction>;

  beforeAll(async () => {
    ({ server } = await startTestBackend({
      features: [
        meshifiPlugin,
        catalogServiceMock.factory({ entities }),
        mockServices.rootConfig.factory({
          data: {
            meshifi: {
              platform: {
                project: 'meshifi-test',
                location: 'EU',
                // The example's last day stays within the maximum for years.
                access: { maxDays: 36500 },
              },
            },
          },
        }),
      ],
    }));
    const { port } = server.address() as AddressInfo;
    action = requestDataAccessAction({
      discovery: {
        getBaseUrl: async plugin => `http://localhost:${port}/api/${plugin}`,
        getExternalBaseUrl: async plugin =>
          `http://localhost:${port}/api/${plugin}`,
      },
      auth: mockServices.auth({ pluginId: 'scaffolder' }),
    });
  });

  // First: once the same access waits on the product's page, it is refused.
  it(`${examples[1].description}`, async () => {
    const outputs = await runExample(action, examples[1], {
      workspacePath: workspace.path,
    });
    expect(outputs).toEqual({
      productUrl: '/catalog/default/dataproduct/customer-orders',
      filePath: expect.stringMatching(
        /^domains\/sales\/access\/customer-orders-[a-z2-7]{8}\.yaml$/,
      ),
      grantName: expect.stringMatching(/^customer-orders-[a-z2-7]{8}$/),
      title: expect.stringMatching(
        /^Grant group:default\/finance read access to the curated layer of customer-orders until 2099-12-31$/,
      ),
      description: expect.stringContaining(
        "The product's owners approve it by merging this change.",
      ),
    });
    const grant = parse(
      await fs.readFile(
        path.join(workspace.path, outputs.filePath as string),
        'utf8',
      ),
    );
    expect(grant).toMatchObject({
      kind: 'DataAccess',
      metadata: { namespace: 'sales' },
      spec: {
        product: 'customer-orders',
        consumer: { type: 'group', email: 'finance@example.com' },
        expires: '2099-12-31',
      },
    });
    // Nothing was kept: the owners decide on the pull request.
    const card = await request(server)
      .get('/api/meshifi/products/default/customer-orders/access')
      .set('Authorization', mockCredentials.user.header());
    expect(card.body.grants).toEqual([]);
  });

  it(`${examples[0].description}`, async () => {
    const outputs = await runExample(action, examples[0], {
      workspacePath: workspace.path,
    });
    expect(outputs).toEqual({
      requestId: expect.stringMatching(/^[0-9a-f-]{36}$/),
      productUrl: '/catalog/default/dataproduct/customer-orders',
    });
    // The owners find it on the product's Access card, asked by the initiator.
    const card = await request(server)
      .get('/api/meshifi/products/default/customer-orders/access')
      .set('Authorization', mockCredentials.user.header());
    expect(card.body.grants).toEqual([
      expect.objectContaining({
        requestId: outputs.requestId,
        state: 'awaiting-approval',
        requestedBy: mockCredentials.user().principal.userEntityRef,
        consumer: {
          type: 'group',
          email: 'finance@example.com',
          entityRef: 'group:default/finance',
        },
      }),
    ]);
  });

  it("fails the task with the backend's words when the request is refused", async () => {
    await expect(
      runExample(action, examples[0], { workspacePath: workspace.path }),
    ).rejects.toThrow(
      /already asked for .*, and awaits the product's owners: nothing new was asked/,
    );
    await expect(
      runExample(action, examples[1], { workspacePath: workspace.path }),
    ).rejects.toThrow(
      /already asked for on the product's page .*: nothing new was proposed/,
    );
  });
});
