import { dataProductManifest } from '../model/manifests';
import { publishConflict } from './publishConflict';

// Two names whose ids collide: with SHA-256 no such pair can be found, so the
// model's derivation is replaced here to show that the publish still refuses
// one, should ids ever collide.
jest.mock('../naming/serviceAccountId', () => ({
  serviceAccountId: (name: string) =>
    name.startsWith('customer-orders-emea-')
      ? 'dp-customer-orders'
      : `dp-${name}`,
}));

describe('publishConflict on a service account id collision', () => {
  it('refuses the second product, naming the first', () => {
    const taken = 'customer-orders-emea-00012959';
    const mine = dataProductManifest({
      info: { name: 'customer-orders-emea-00073238', version: '1.0.0' },
      access: { owners: ['ana@example.com'] },
      domain: 'sales',
    });
    expect(
      publishConflict(mine, {
        paths: [`domains/finance/products/${taken}.yaml`],
        domains: [],
      }),
    ).toBe(
      `The data product "customer-orders-emea-00073238" would get the service account dp-customer-orders, which "${taken}" (domains/finance/products/${taken}.yaml) already has. Pick another name.`,
    );
  });
});
