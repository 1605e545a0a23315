import { compose, ComposedResource } from '../compose/compose';
import { dataProductManifest } from '../model/manifests';
import { Condition, KubernetesObject } from '../model/types';
import { resourcePurpose } from '../explain/resourcePurpose';
import { describeResource } from './describeResource';

const expected = compose(
  dataProductManifest({
    info: { name: 'orders', version: '0.1.0' },
    access: { owners: ['ana@example.com'] },
  }),
  { project: 'meshifi-demo', location: 'EU' },
);
const byKey = (key: string) => expected.find(e => e.key === key)!;

/** A composed resource as the cluster returns it: Crossplane's annotation, conditions, atProvider. */
function asComposed(
  e: ComposedResource,
  status: { conditions?: Condition[]; atProvider?: Record<string, unknown> },
): KubernetesObject {
  return {
    ...e.resource,
    metadata: {
      ...e.resource.metadata,
      namespace: 'sales',
      annotations: {
        ...e.resource.metadata.annotations,
        'crossplane.io/composition-resource-name': e.key,
      },
    },
    status,
  };
}

describe('describeResource', () => {
  it('tells which table of which dataset an output port is', () => {
    const [table] = compose(
      dataProductManifest({
        info: { name: 'orders', version: '0.1.0' },
        access: { owners: ['ana@example.com'] },
        outputPorts: [
          {
            name: 'orders_by_day',
            contract: { columns: [{ name: 'day', type: 'DATE' }] },
          },
        ],
      }),
      { project: 'meshifi-demo', location: 'EU' },
    ).filter(e => e.role === 'table');
    const described = describeResource(asComposed(table, {}), table);
    expect(described).toMatchObject({
      kind: 'Table',
      role: 'table',
      layer: 'curated',
      externalName: 'orders_by_day',
      details: {
        project: 'meshifi-demo',
        datasetId: 'orders_curated',
        resource: 'orders_curated.orders_by_day',
      },
      summary: table.summary,
    });
    expect(resourcePurpose(described)).toBe(
      'the table of the output port orders_by_day',
    );
  });

  it('tells what a ready dataset is, with Google Cloud’s values over the requested ones', () => {
    const dataset = byKey('dataset-raw');
    const described = describeResource(
      asComposed(dataset, {
        conditions: [
          { type: 'Synced', status: 'True', reason: 'ReconcileSuccess' },
          { type: 'Ready', status: 'True', reason: 'Available' },
        ],
        atProvider: { location: 'europe-west1' },
      }),
      dataset,
    );
    expect(described).toEqual({
      apiVersion: 'bigquery.gcp.m.upbound.io/v1beta1',
      kind: 'Dataset',
      namespace: 'sales',
      name: 'orders-raw',
      key: 'dataset-raw',
      role: 'dataset',
      layer: 'raw',
      externalName: 'orders_raw',
      ready: true,
      synced: true,
      problem: undefined,
      details: {
        project: 'meshifi-demo',
        datasetId: 'orders_raw',
        location: 'europe-west1',
      },
      summary: dataset.summary,
    });
  });

  it('gives the IAM binding’s role, member and what it is granted on', () => {
    const writer = byKey('dataset-writer-raw');
    expect(describeResource(asComposed(writer, {}), writer).details).toEqual({
      project: 'meshifi-demo',
      role: 'roles/bigquery.dataEditor',
      member: expect.stringMatching(/^serviceAccount:/),
      resource: 'orders_raw',
    });
  });

  it('says why a resource fails in the provider’s words, else by reason, else by condition', () => {
    const account = byKey('service-account');
    const problemWith = (condition: Condition) =>
      describeResource(asComposed(account, { conditions: [condition] }))
        .problem;
    expect(
      problemWith({
        type: 'Synced',
        status: 'False',
        reason: 'ReconcileError',
        message: 'googleapi: Error 403',
      }),
    ).toEqual({ reason: 'ReconcileError', message: 'googleapi: Error 403' });
    expect(
      problemWith({ type: 'Ready', status: 'False', reason: 'Unavailable' }),
    ).toEqual({ reason: 'Unavailable', message: 'Unavailable' });
    expect(
      problemWith({ type: 'LastAsyncOperation', status: 'False' }),
    ).toEqual({ reason: undefined, message: 'LastAsyncOperation' });
    expect(
      problemWith({ type: 'Ready', status: 'False', reason: 'Creating' }),
    ).toBeUndefined();
  });

  it('takes the role from compose() when the cluster’s object has no label', () => {
    const jobUser = byKey('job-user');
    const unlabelled = {
      ...jobUser.resource,
      metadata: { name: jobUser.resource.metadata.name },
    };
    expect(describeResource(unlabelled, jobUser)).toMatchObject({
      role: 'job-user',
      key: undefined,
      summary: jobUser.summary,
    });
    expect(describeResource(unlabelled).role).toBeUndefined();
  });
});
