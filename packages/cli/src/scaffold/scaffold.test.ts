import {
  dataDomainManifest,
  nameProblem,
  readGitopsFile,
  reservedNameProblem,
} from '@meshifi/common';
import { scaffoldDomain } from './scaffoldDomain';
import { scaffoldProduct } from './scaffoldProduct';
import { ScaffoldRepository } from './Scaffolded';

const domain = (name: string, gcpProject = `acme-${name}-data`) =>
  dataDomainManifest(name, { owner: `group:default/${name}-team`, gcpProject });

/** A repository with the domains sales and finance, and sales' product orders. */
const repository: ScaffoldRepository = {
  paths: [
    'domains/sales/domain.yaml',
    'domains/sales/products/orders.yaml',
    'domains/finance/domain.yaml',
  ],
  domains: [domain('sales'), domain('finance')],
};

const product = {
  name: 'returns',
  domain: 'sales',
  owners: ['ana@example.com', 'group:sales-analysts@example.com'],
};

describe('scaffoldProduct', () => {
  it('writes the manifest at its place, as the platform reads it', () => {
    const scaffolded = scaffoldProduct(
      { ...product, title: 'Returns', location: 'EU' },
      repository,
    );
    if (!scaffolded.ok) {
      throw new Error(JSON.stringify(scaffolded.problems));
    }
    expect(scaffolded.path).toBe('domains/sales/products/returns.yaml');
    const read = readGitopsFile(scaffolded.path, scaffolded.content);
    expect(read).toMatchObject({
      ok: true,
      manifest: {
        kind: 'DataProduct',
        metadata: { name: 'returns', namespace: 'sales' },
        spec: {
          info: { name: 'returns', version: '0.1.0', title: 'Returns' },
          access: { owners: product.owners },
          domain: 'sales',
          location: 'EU',
        },
      },
    });
    // Optional answers left empty are not written as empty fields.
    const bare = scaffoldProduct({ ...product, title: '' }, repository);
    expect(bare.ok && bare.content).not.toMatch(/title|description|location/);
  });

  it("refuses an invalid name with the model's own message, on the name", () => {
    const scaffolded = scaffoldProduct(
      { ...product, name: 'Orders_2' },
      repository,
    );
    expect(scaffolded).toEqual({
      ok: false,
      problems: [
        { answer: 'name', message: nameProblem('Orders_2', 'product name') },
      ],
    });
  });

  it('says every answer the model refuses, each on its flag', () => {
    const scaffolded = scaffoldProduct(
      {
        ...product,
        owners: ['not an email'],
        version: 'one',
        location: 'the moon',
      },
      repository,
    );
    expect(scaffolded.ok).toBe(false);
    expect(
      !scaffolded.ok && scaffolded.problems.map(p => p.answer).sort(),
    ).toEqual(['location', 'owner', 'product-version']);
  });

  it('refuses a name another domain’s product has, naming its file', () => {
    const scaffolded = scaffoldProduct(
      { ...product, name: 'orders', domain: 'finance' },
      repository,
    );
    expect(scaffolded).toEqual({
      ok: false,
      problems: [
        {
          answer: 'name',
          message: expect.stringContaining(
            'A data product named "orders" already exists (domains/sales/products/orders.yaml)',
          ),
        },
      ],
    });
  });

  it('does not overwrite a file at its place', () => {
    const scaffolded = scaffoldProduct(
      { ...product, name: 'orders' },
      repository,
    );
    expect(!scaffolded.ok && scaffolded.problems[0].message).toBe(
      'domains/sales/products/orders.yaml already exists: meshifi new does not overwrite a file. Pick another name, or edit that file.',
    );
  });

  it('refuses a domain the repository does not have, listing those it has', () => {
    expect(
      scaffoldProduct({ ...product, domain: 'marketing' }, repository),
    ).toEqual({
      ok: false,
      problems: [
        {
          answer: 'domain',
          message:
            'The repository has no domain "marketing": pick one of finance, sales.',
        },
      ],
    });
    expect(scaffoldProduct(product, { paths: [], domains: [] })).toMatchObject({
      ok: false,
      problems: [
        {
          answer: 'domain',
          message: expect.stringMatching(/meshifi new domain/),
        },
      ],
    });
  });
});

describe('scaffoldDomain', () => {
  const answers = {
    name: 'marketing',
    project: 'acme-marketing-data',
    owner: 'group:default/marketing-team',
  };

  it('writes the manifest at its place, as the platform reads it', () => {
    const scaffolded = scaffoldDomain(
      { ...answers, title: 'Marketing' },
      repository,
    );
    if (!scaffolded.ok) {
      throw new Error(JSON.stringify(scaffolded.problems));
    }
    expect(scaffolded.path).toBe('domains/marketing/domain.yaml');
    expect(readGitopsFile(scaffolded.path, scaffolded.content)).toMatchObject({
      ok: true,
      manifest: {
        kind: 'DataDomain',
        metadata: { name: 'marketing' },
        spec: {
          title: 'Marketing',
          owner: 'group:default/marketing-team',
          gcpProject: 'acme-marketing-data',
        },
      },
    });
  });

  it('refuses a reserved name, a project another domain has, and an existing domain', () => {
    expect(
      scaffoldDomain({ ...answers, name: 'kube-system' }, repository),
    ).toEqual({
      ok: false,
      problems: [
        { answer: 'name', message: reservedNameProblem('kube-system') },
      ],
    });
    expect(
      scaffoldDomain({ ...answers, project: 'acme-sales-data' }, repository),
    ).toEqual({
      ok: false,
      problems: [
        {
          answer: 'project',
          message: expect.stringContaining(
            'The GCP project acme-sales-data already belongs to the domain "sales"',
          ),
        },
      ],
    });
    expect(
      scaffoldDomain({ ...answers, name: 'sales' }, repository),
    ).toMatchObject({ ok: false, problems: [{ answer: 'name' }] });
  });
});
