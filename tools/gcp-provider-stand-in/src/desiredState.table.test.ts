import { compose, dataProductManifest, GCP_KINDS } from '@meshifi/common';
import { desiredState, isUpToDate } from './desiredState';
import { FAIL_ANNOTATION } from './failures';
import { ManagedResource } from './managedKinds';

const now = new Date('2026-03-01T10:00:00Z');
const later = new Date('2026-03-01T10:05:00Z');

/** An output port's Table as meshifi composes it, as the API server returns it. */
const composedTable = (): ManagedResource => {
  const table = compose(
    dataProductManifest({
      info: { name: 'customer-orders', version: '1.0.0' },
      access: { owners: ['ana@example.com'] },
      outputPorts: [
        {
          name: 'orders',
          contract: { columns: [{ name: 'order_id', type: 'STRING' }] },
        },
      ],
    }),
    { project: 'acme-sales-data', location: 'EU' },
  ).find(resource => resource.role === 'table')!.resource;
  return {
    ...table,
    metadata: { ...table.metadata, namespace: 'sales', generation: 1 },
  } as ManagedResource;
};

describe('desiredState of a Table', () => {
  it('reports the table created and available, with its id in Terraform’s format', () => {
    const table = composedTable();
    const { status, externalName } = desiredState(GCP_KINDS.table, table, now);
    // The composition names the table: nothing to add.
    expect(externalName).toBeUndefined();
    expect(status.conditions).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ type: 'Ready', status: 'True' }),
        expect.objectContaining({ type: 'Synced', status: 'True' }),
      ]),
    );
    expect(status.atProvider).toMatchObject({
      id: 'projects/acme-sales-data/datasets/customer_orders_curated/tables/orders',
      type: 'TABLE',
      numRows: 0,
      deletionProtection: true,
      schema: table.spec!.forProvider!.schema,
      effectiveLabels: expect.objectContaining({
        'goog-terraform-provisioned': 'true',
        'meshifi-output-port': 'orders',
      }),
    });
    // Written once, the same table is not rewritten on a later pass.
    const done = { ...table, status };
    expect(isUpToDate(done, desiredState(GCP_KINDS.table, done, later))).toBe(
      true,
    );
  });

  it('refuses a table without its dataset, as Terraform does', () => {
    const table = composedTable();
    const { datasetId: _dataset, ...forProvider } = table.spec!.forProvider!;
    const { status } = desiredState(
      GCP_KINDS.table,
      { ...table, spec: { forProvider } },
      now,
    );
    expect(status.conditions).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          type: 'LastAsyncOperation',
          status: 'False',
          message: expect.stringContaining('dataset_id'),
        }),
      ]),
    );
  });

  it('reports a denied create when asked to fail', () => {
    const table = composedTable();
    const failing = {
      ...table,
      metadata: {
        ...table.metadata,
        annotations: {
          ...table.metadata!.annotations,
          [FAIL_ANNOTATION]: 'true',
        },
      },
    };
    const { status } = desiredState(GCP_KINDS.table, failing, now);
    expect(JSON.stringify(status.conditions)).toContain(
      'Error creating BigQuery table: googleapi: Error 403',
    );
  });
});
