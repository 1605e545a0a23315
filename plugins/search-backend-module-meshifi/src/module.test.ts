/*
 * The module in a started backend with the real search backend (Lunr in
 * memory) and Backstage's catalog collator, over a catalog that holds a data
 * product and a component: the product is found by what only meshifi's text
 * has.
 */
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { schedulerServiceFactory } from '@backstage/backend-defaults/scheduler';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import searchPlugin from '@backstage/plugin-search-backend';
import searchModuleCatalogCollator from '@backstage/plugin-search-backend-module-catalog';
import { CATALOG_API_VERSION } from '@meshifi/common';
import request from 'supertest';
import searchModuleMeshifiCollator from '.';

const customerOrders: Entity = {
  apiVersion: CATALOG_API_VERSION,
  kind: 'DataProduct',
  metadata: {
    name: 'customer-orders',
    namespace: 'default',
    title: 'Customer orders',
    description: 'Orders placed in the web shop',
  },
  spec: {
    type: 'data-product',
    lifecycle: 'production',
    owner: 'group:default/analytics',
    domain: 'sales',
    version: '0.1.0',
    owners: ['zoe@example.com'],
    datasets: [{ layer: 'curated', datasetId: 'customer_orders_curated' }],
    serviceAccountId: 'dp-customer-orders',
    outputPorts: [
      {
        name: 'orders_by_customer',
        description: 'One row per order, with its loyalty tier',
        contract: {
          columns: [
            {
              name: 'customer_email',
              type: 'STRING',
              personalData: true,
              description: 'Where the receipt was emailed',
            },
          ],
        },
      },
    ],
  },
};

const webShop: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'web-shop', namespace: 'default' },
  spec: { type: 'service', lifecycle: 'production', owner: 'marketing' },
};

async function startSearch(
  features: Array<typeof searchModuleMeshifiCollator>,
) {
  const { server } = await startTestBackend({
    features: [
      // The real scheduler: the collator builds the index once, at start.
      schedulerServiceFactory,
      mockServices.rootConfig.factory({
        data: {
          search: {
            collators: {
              catalog: {
                schedule: {
                  frequency: { hours: 1 },
                  timeout: { minutes: 1 },
                  initialDelay: { seconds: 0 },
                },
              },
            },
          },
        },
      }),
      catalogServiceMock.factory({ entities: [customerOrders, webShop] }),
      searchPlugin,
      searchModuleCatalogCollator,
      ...features,
    ],
  });
  const query = (term: string) =>
    request(server)
      .get(
        `/api/search/query?term=${encodeURIComponent(
          term,
        )}&types[0]=software-catalog`,
      )
      .set('Authorization', mockCredentials.user.header());
  // Until the collator has built it, there is no index to query.
  for (let tries = 0; (await query('')).status !== 200; tries++) {
    if (tries === 100) {
      throw new Error('the search index was not built in 10 seconds');
    }
    await new Promise(resolve => setTimeout(resolve, 100));
  }
  return async (term: string): Promise<string[]> => {
    const res = await query(term);
    expect(res.status).toBe(200);
    return res.body.results.map((r: any) => r.document.title);
  };
}

describe('searchModuleMeshifiCollator', () => {
  it('finds a data product by a dataset id, an owner and its domain', async () => {
    const search = await startSearch([searchModuleMeshifiCollator]);
    for (const term of [
      'customer_orders_curated',
      'curated',
      'zoe@example.com',
      'sales',
      // Its tables and columns, and what their descriptions say.
      'orders_by_customer',
      'customer_email',
      'email',
      'loyalty',
      'emailed',
      // Backstage's own text still counts.
      'web shop',
    ]) {
      expect(await search(term)).toContain('Customer orders');
    }
  });

  it('is what makes them findable: without it, only Backstage’s text is', async () => {
    const search = await startSearch([]);
    expect(await search('web shop')).toContain('Customer orders');
    // Backstage's index splits words at underscores: customer_email would
    // find the title's "Customer"; its "email" is the column's alone.
    for (const term of [
      'curated',
      'zoe@example.com',
      'sales',
      'email',
      'loyalty',
    ]) {
      expect(await search(term)).not.toContain('Customer orders');
    }
  });
});
