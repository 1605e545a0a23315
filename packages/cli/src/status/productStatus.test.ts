import { KINDS } from '@meshifi/common';
import { ListingApiServer } from './__testUtils__/listingApiServer';
import {
  domainNamed,
  kubeConfigFor,
  productIn,
} from './__testUtils__/products';
import { SilentServer } from './__testUtils__/silentServer';
import { OpenedCluster } from './openCluster';
import { productStatus } from './productStatus';

const openedAt = (server: string): OpenedCluster => ({
  kubeConfig: kubeConfigFor(server),
  target: { server, context: 'analyst@local' },
});

describe('productStatus', () => {
  describe('on a cluster that accepts the connection and never answers', () => {
    let silent: SilentServer;

    beforeAll(async () => {
      silent = await SilentServer.start();
    });

    afterAll(async () => {
      await silent.close();
    });

    it('gives up after the timeout, naming the server and what to do', async () => {
      const started = Date.now();
      await expect(
        productStatus(
          openedAt(silent.url),
          { name: 'orders' },
          { timeoutSeconds: 1 },
        ),
      ).rejects.toThrow(
        `The cluster at ${silent.url} (context analyst@local) did not answer within 1 second. Check that --kubeconfig and --context name the cluster you mean and that your network reaches it (a VPN, for instance); if they do, ask your platform team whether the cluster is up. A slow cluster can be given longer with --timeout <seconds>.`,
      );
      const waited = Date.now() - started;
      expect(waited).toBeGreaterThanOrEqual(900);
      expect(waited).toBeLessThan(5_000);
      expect(silent.connections).toBeGreaterThan(0);
    });
  });

  describe('with the same product name in two domains', () => {
    let cluster: ListingApiServer;

    beforeAll(async () => {
      cluster = await ListingApiServer.start([
        productIn('orders', 'sales'),
        productIn('orders', 'finance'),
        productIn('returns', 'sales'),
        domainNamed('sales'),
        domainNamed('finance'),
      ]);
    });

    afterAll(async () => {
      await cluster.close();
    });

    it('names the domains that have it and asks for --domain, reading nothing more', async () => {
      const before = cluster.requests.length;
      await expect(
        productStatus(openedAt(cluster.url), { name: 'orders' }),
      ).resolves.toEqual({
        found: false,
        message:
          'The domains finance, sales each have a data product orders: say which one you mean with --domain, for example meshifi status orders --domain finance.',
      });
      expect(cluster.requests.slice(before)).toEqual([
        {
          path: '/apis/meshifi.io/v1alpha1/dataproducts',
          fieldSelector: 'metadata.name=orders',
        },
      ]);
    });

    it('reports the product of the domain --domain names', async () => {
      for (const domain of ['sales', 'finance']) {
        const answer = await productStatus(openedAt(cluster.url), {
          name: 'orders',
          domain,
        });
        expect(answer).toMatchObject({
          found: true,
          domain: { name: domain, owner: `group:default/${domain}-team` },
          report: { xr: { name: 'orders', namespace: domain } },
        });
      }
    });

    it('finds a name only one domain has without --domain', async () => {
      await expect(
        productStatus(openedAt(cluster.url), { name: 'returns' }),
      ).resolves.toMatchObject({
        found: true,
        report: { xr: { name: 'returns', namespace: 'sales' } },
      });
    });

    it('says which domain lacks the product --domain asks for', async () => {
      await expect(
        productStatus(openedAt(cluster.url), {
          name: 'returns',
          domain: 'finance',
        }),
      ).resolves.toMatchObject({
        found: false,
        message: expect.stringContaining(
          'has no data product returns in the domain finance.',
        ),
      });
    });

    it('refuses a name no object can have without asking the cluster', async () => {
      const before = cluster.requests.length;
      const answer = await productStatus(openedAt(cluster.url), {
        // A comma would add a term to the field selector: the product of another domain.
        name: 'orders,metadata.namespace=finance',
      });
      expect(answer).toEqual({
        found: false,
        message:
          'No data product can be called "orders,metadata.namespace=finance": names in the cluster use only lower-case letters (a-z), digits, dashes and dots, for example customer-orders. Check the name.',
      });
      expect(cluster.requests.length).toBe(before);
    });

    it('asks for the product by name in its domain, then its domain by name', async () => {
      const before = cluster.requests.length;
      await productStatus(openedAt(cluster.url), {
        name: 'orders',
        domain: 'finance',
      });
      const asked = cluster.requests.slice(before);
      expect(asked[0]).toEqual({
        path: '/apis/meshifi.io/v1alpha1/dataproducts',
        fieldSelector: 'metadata.name=orders,metadata.namespace=finance',
      });
      expect(asked).toContainEqual({
        path: `/apis/${KINDS.dataDomain.group}/${KINDS.dataDomain.version}/${KINDS.dataDomain.plural}`,
        fieldSelector: 'metadata.name=finance',
      });
      // Flux's Kustomizations only of the product's domain.
      const kustomizations = asked.filter(r =>
        r.path.startsWith(`/apis/${KINDS.fluxKustomization.group}/`),
      );
      expect(kustomizations).toEqual([
        {
          path: `/apis/${KINDS.fluxKustomization.group}/${KINDS.fluxKustomization.version}/${KINDS.fluxKustomization.plural}`,
          labelSelector: 'meshifi.io/products-of=finance',
        },
      ]);
      // Everything else only in the product's namespace.
      expect(
        asked
          .slice(1)
          .filter(r => r.fieldSelector !== 'metadata.name=finance')
          .filter(r => !kustomizations.includes(r))
          .every(r => r.fieldSelector === 'metadata.namespace=finance'),
      ).toBe(true);
    });
  });
});
