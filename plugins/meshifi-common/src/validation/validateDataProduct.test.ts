import { dataProductManifest } from '../model/manifests';
import { DataProduct } from '../model/types';
import { validateDataProduct } from './validateDataProduct';

const good = (): DataProduct =>
  dataProductManifest({
    info: {
      name: 'customer-orders',
      version: '0.1.0',
      title: 'Customer orders',
    },
    access: { owners: ['ana@example.com', 'bo.smith+data@sub.example.org'] },
    domain: 'sales',
    location: 'europe-west2',
  });

function problemsOf(manifest: unknown) {
  const result = validateDataProduct(manifest);
  if (result.ok) {
    throw new Error('expected problems, got none');
  }
  return result.problems;
}

describe('validateDataProduct', () => {
  it('accepts a complete product and returns it typed', () => {
    const result = validateDataProduct(good());
    expect(result).toEqual({ ok: true, value: good() });
  });

  it('accepts the seed interface alone', () => {
    const seed = {
      apiVersion: 'meshifi.io/v1alpha1',
      kind: 'DataProduct',
      metadata: { name: 'some-product' },
      spec: {
        info: { name: 'some-product', version: '0.1.0' },
        access: { owners: ['someone@email.com'] },
      },
    };
    expect(validateDataProduct(seed).ok).toBe(true);
  });

  it('asks for owners when there are none', () => {
    const product = good();
    product.spec.access.owners = [];
    expect(problemsOf(product)).toEqual([
      {
        path: 'spec.access.owners',
        message: 'Owners: Name between 1 and 50 owners, each once, by email.',
      },
    ]);
  });

  it('names the missing parts of an empty spec', () => {
    const product = { ...good(), spec: {} };
    expect(problemsOf(product).map(p => p.message)).toEqual([
      'Product information is missing.',
      'Access is missing.',
    ]);
  });

  it.each([
    'not-an-email',
    'ana@localhost',
    'ana@exämple.com',
    'ana@example.com\nkind: Secret',
    '"; DROP TABLE x; --@example.com',
  ])('refuses the owner %p with an explanation', owner => {
    const product = good();
    product.spec.access.owners = [owner];
    expect(problemsOf(product)).toEqual([
      {
        path: 'spec.access.owners.0',
        message:
          'Owner email: Give each owner as an email address, such as ana@example.com, or a Google group as group:sales@example.com.',
      },
    ]);
  });

  it('refuses an owner listed twice, whatever the case', () => {
    const product = good();
    product.spec.access.owners = ['ana@example.com', 'Ana@Example.com'];
    expect(problemsOf(product)).toEqual([
      {
        path: 'spec.access.owners.1',
        message:
          'The owner Ana@Example.com is listed twice: list each owner once.',
      },
    ]);
  });

  it.each(['1', '1.0', 'v1.0.0', '01.0.0', '1.0.0.0', '1.0.0-'])(
    'refuses the version %p',
    version => {
      const product = good();
      product.spec.info.version = version;
      expect(problemsOf(product)[0].message).toMatch(/semantic version/);
    },
  );

  it.each(['1.0.0', '0.1.0-rc.1', '2.3.4+build.7', '10.20.30-alpha.beta'])(
    'accepts the version %p',
    version => {
      const product = good();
      product.spec.info.version = version;
      expect(validateDataProduct(product).ok).toBe(true);
    },
  );

  it.each([
    ['../../etc/passwd', /lower-case letters/],
    ['orders\nkind: Secret', /lower-case letters/],
    ['ОРДЕРС', /lower-case letters/],
    ['ab', /too short/],
  ])('explains what is wrong with the name %p', (name, message) => {
    const product = good();
    product.spec.info.name = name;
    product.metadata.name = name;
    const problems = problemsOf(product);
    expect(problems[0]).toEqual({
      path: 'spec.info.name',
      message: expect.stringMatching(message),
    });
  });

  it('requires metadata.name to equal the product name', () => {
    const product = good();
    product.metadata.name = 'someone-elses-product';
    expect(problemsOf(product)).toEqual([
      {
        path: 'metadata.name',
        message: expect.stringContaining('must equal the product name'),
      },
    ]);
  });

  it('refuses a location BigQuery does not have the shape of', () => {
    const product = good();
    product.spec.location = 'Europe';
    expect(problemsOf(product)[0].message).toMatch(
      /US, EU or a Google Cloud region/,
    );
  });

  it('keeps hostile text in free-text fields as text, within limits', () => {
    const product = good();
    product.spec.info.description = 'a: b\n---\nkind: Secret\n{{ x }} ${y}';
    expect(validateDataProduct(product).ok).toBe(true);
    product.spec.info.description = 'x'.repeat(2001);
    expect(problemsOf(product)[0].message).toMatch(/2,000 characters/);
  });

  it('refuses other kinds and versions', () => {
    expect(problemsOf({ ...good(), kind: 'DataDomain' })[0].path).toBe('kind');
    expect(problemsOf({ ...good(), apiVersion: 'meshifi.io/v1' })[0].path).toBe(
      'apiVersion',
    );
    expect(problemsOf(undefined)).toEqual([
      { path: '', message: 'The manifest must be a set of fields.' },
    ]);
  });
});
