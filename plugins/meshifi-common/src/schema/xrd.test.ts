import { dataAccessXrd, dataDomainXrd, dataProductXrd } from './xrd';

const specOf = (xrd: ReturnType<typeof dataProductXrd>) =>
  xrd.spec.versions[0].schema.openAPIV3Schema.properties.spec as any;

describe('XRDs', () => {
  it('describes DataProduct as a namespaced Crossplane v2 XR', () => {
    const xrd = dataProductXrd();
    expect(xrd).toMatchObject({
      apiVersion: 'apiextensions.crossplane.io/v2',
      metadata: { name: 'dataproducts.meshifi.io' },
      spec: {
        scope: 'Namespaced',
        group: 'meshifi.io',
        names: { kind: 'DataProduct', plural: 'dataproducts' },
      },
    });
    expect(specOf(xrd).required).toEqual(['info', 'access']);
    expect(specOf(xrd).properties.info.required).toEqual(['name', 'version']);
  });

  it('describes DataDomain as a cluster-scoped XR', () => {
    expect(dataDomainXrd().spec).toMatchObject({
      scope: 'Cluster',
      names: { kind: 'DataDomain' },
    });
  });

  it('carries no meshifi-only keywords, which Kubernetes would refuse', () => {
    for (const xrd of [dataProductXrd(), dataDomainXrd(), dataAccessXrd()]) {
      expect(JSON.stringify(xrd)).not.toContain('x-meshifi');
    }
  });

  it('keeps names, domains and locations from changing after creation', () => {
    const spec = specOf(dataProductXrd());
    for (const field of [
      spec.properties.info.properties.name,
      spec.properties.domain,
      spec.properties.location,
    ]) {
      expect(field['x-kubernetes-validations']).toEqual([
        {
          rule: 'self == oldSelf',
          message: expect.stringContaining('cannot change'),
        },
      ]);
    }
    expect(spec['x-kubernetes-validations'].map((v: any) => v.rule)).toEqual([
      'has(self.domain) == has(oldSelf.domain)',
      'has(self.location) == has(oldSelf.location)',
    ]);
  });

  it('describes DataAccess as a namespaced XR whose approved fields cannot change', () => {
    const xrd = dataAccessXrd();
    expect(xrd).toMatchObject({
      metadata: { name: 'dataaccesses.meshifi.io' },
      spec: {
        scope: 'Namespaced',
        group: 'meshifi.io',
        names: { kind: 'DataAccess', plural: 'dataaccesses' },
      },
    });
    const spec = specOf(xrd as any);
    expect(spec.required).toEqual([
      'product',
      'consumer',
      'purpose',
      'expires',
    ]);
    expect(spec.properties.layer.default).toBe('curated');
    expect(spec.properties.level).toMatchObject({
      enum: ['read'],
      default: 'read',
    });
    for (const field of ['product', 'consumer', 'layer', 'level']) {
      expect(spec.properties[field]['x-kubernetes-validations']).toEqual([
        {
          rule: 'self == oldSelf',
          message: expect.stringContaining('request a new grant instead'),
        },
      ]);
    }
    // A grant's expiry may move (a renewal); its purpose may be reworded.
    expect(spec.properties.expires['x-kubernetes-validations']).toBeUndefined();
  });
});
