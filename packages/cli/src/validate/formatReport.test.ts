import { formatJson, formatText } from './formatReport';
import { ValidationReport } from './ValidationProblem';

const report: ValidationReport = {
  problems: [
    { file: 'a.yaml', line: 2, rule: 'layout', message: 'holds a manifest.' },
    {
      file: 'domains/sales/products/orders.yaml',
      line: 3,
      rule: 'schema',
      message: 'spec.info.version: Version: use 1.0.0.',
    },
    {
      file: 'domains/sales/products/orders.yaml',
      line: 9,
      rule: 'unique-name',
      message: 'A data product named "orders" already exists.',
    },
    {
      file: 'domains/sales/products/x.yml',
      rule: 'layout',
      message: 'is not where meshifi keeps manifests.',
    },
  ],
  files: 1_200,
  products: 1_000,
  domains: 1,
  grants: 0,
};

describe('formatText', () => {
  it('gives file:line for each problem, the problems of a file together, then a summary', () => {
    expect(formatText(report)).toBe(
      [
        'a.yaml:2: holds a manifest. [layout]',
        '',
        'domains/sales/products/orders.yaml:3: spec.info.version: Version: use 1.0.0. [schema]',
        'domains/sales/products/orders.yaml:9: A data product named "orders" already exists. [unique-name]',
        '',
        'domains/sales/products/x.yml: is not where meshifi keeps manifests. [layout]',
        '',
        'Checked 1,200 files: 1,000 valid data products, 1 valid domain. 4 problems in 3 files.',
      ].join('\n'),
    );
  });

  it('says so when there is no problem', () => {
    expect(formatText({ ...report, problems: [] })).toBe(
      'Checked 1,200 files: 1,000 valid data products, 1 valid domain. No problems found.',
    );
  });
});

it('counts the grants where there are some', () => {
  expect(formatText({ ...report, problems: [], grants: 1 })).toBe(
    'Checked 1,200 files: 1,000 valid data products, 1 valid domain, 1 valid access grant. No problems found.',
  );
  expect(formatText({ ...report, problems: [], grants: 2_500 })).toMatch(
    /, 2,500 valid access grants\. No problems found\.$/,
  );
});

describe('formatJson', () => {
  it('gives the problems and the counts', () => {
    expect(JSON.parse(formatJson(report))).toEqual(report);
  });
});
