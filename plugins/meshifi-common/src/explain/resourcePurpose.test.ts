import { resourcePurpose } from './resourcePurpose';

describe('resourcePurpose', () => {
  it.each([
    [{ role: 'dataset', layer: 'raw', kind: 'Dataset' }, 'the raw dataset'],
    [
      { role: 'dataset-writer', layer: 'curated', kind: 'DatasetIAMMember' },
      "the service account's right to write to the curated dataset",
    ],
    [
      { role: 'service-account', kind: 'ServiceAccount' },
      'the service account',
    ],
    [
      { role: 'job-user', kind: 'ProjectIAMMember' },
      "the service account's right to run BigQuery queries",
    ],
    [
      {
        role: 'owner-impersonation',
        kind: 'ServiceAccountIAMMember',
        member: 'user:ana@acme.example',
      },
      "ana@acme.example's right to act as the service account",
    ],
    [
      {
        role: 'owner-impersonation',
        kind: 'ServiceAccountIAMMember',
        member: 'group:sales@acme.example',
      },
      "the group sales@acme.example's right to act as the service account",
    ],
    [
      { role: 'owner-impersonation', kind: 'ServiceAccountIAMMember' },
      "an owner's right to act as the service account",
    ],
    [
      {
        role: 'dataset-reader',
        layer: 'curated',
        kind: 'DatasetIAMMember',
        member: 'group:marketing@acme.example',
      },
      "the group marketing@acme.example's right to read the curated dataset",
    ],
    [
      { role: 'table', kind: 'Table', externalName: 'orders' },
      'the table of the output port orders',
    ],
    [{ role: 'table', kind: 'Table' }, "an output port's table"],
    [{ kind: 'Usage' }, 'the Usage'],
  ])('%j is %s', (subject, purpose) => {
    expect(resourcePurpose(subject)).toBe(purpose);
  });
});
