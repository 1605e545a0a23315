/*
 * The version rule of output ports in the composition function: what it
 * last composed (status.acceptedVersion and acceptedPorts on the XR, as
 * Crossplane observes it) against the product's spec. A change that breaks
 * readers without a new major version is refused with a fatal result, so
 * that Crossplane leaves the tables as they are.
 */
import {
  fromCompose,
  Ready,
  RunFunctionRequest,
  Severity,
} from '@crossplane-org/function-sdk-typescript';
import fc from 'fast-check';
import {
  dataProductManifest,
  DataProduct,
  OutputPort,
  resourceNames,
} from '@meshifi/common';
import { runFunction } from './runFunction';
import { functionRequest } from './__testUtils__/functionRequest';

const platformInput = {
  apiVersion: 'meshifi.io/v1alpha1',
  kind: 'Input',
  platform: { project: 'meshifi-platform', location: 'EU' },
};

const ordersPort: OutputPort = {
  name: 'orders',
  contract: {
    columns: [
      { name: 'order_id', type: 'STRING', mode: 'REQUIRED' },
      { name: 'amount', type: 'NUMERIC' },
    ],
    primaryKey: ['order_id'],
  },
};

/** The curated dataset as Crossplane observes it once the provider made it. */
const readyCuratedDataset = {
  apiVersion: 'bigquery.gcp.m.upbound.io/v1beta1',
  kind: 'Dataset',
  metadata: { name: resourceNames.dataset('customer-orders', 'curated') },
  status: { conditions: [{ type: 'Ready', status: 'True' }] },
};

/** The product at `version` with `ports`, and what the function last accepted. */
function product(
  version: string,
  ports: OutputPort[],
  accepted?: { version: string; ports: OutputPort[] },
): DataProduct {
  const xr = dataProductManifest({
    info: { name: 'customer-orders', version },
    access: { owners: ['ana@example.com'] },
    outputPorts: ports,
  });
  return accepted
    ? {
        ...xr,
        status: {
          acceptedVersion: accepted.version,
          acceptedPorts: accepted.ports,
        },
      }
    : xr;
}

const run = (
  xr: DataProduct,
  observed: Record<string, unknown> = {
    'dataset-curated': readyCuratedDataset,
  },
) =>
  fromCompose(runFunction).RunFunction(
    functionRequest(xr, {
      input: platformInput,
      observed,
    }) as RunFunctionRequest,
    undefined,
  );

const statusOf = (rsp: Awaited<ReturnType<typeof run>>) =>
  (rsp.desired?.composite?.resource as any)?.status;

const tableOf = (rsp: Awaited<ReturnType<typeof run>>, port: string) =>
  rsp.desired?.resources[`table-${port}`]?.resource as any;

const withColumns = (columns: OutputPort['contract']['columns']) => ({
  ...ordersPort,
  contract: { ...ordersPort.contract, columns },
});

const withoutAmount = withColumns([ordersPort.contract.columns[0]]);

describe('runFunction: the version rule of output ports', () => {
  it('composes a first product and records its version and ports as accepted', async () => {
    const rsp = await run(product('1.0.0', [ordersPort]));
    expect(rsp.results.map(r => r.severity)).toEqual([
      Severity.SEVERITY_NORMAL,
    ]);
    expect(tableOf(rsp, 'orders').kind).toBe('Table');
    expect(statusOf(rsp)).toMatchObject({
      acceptedVersion: '1.0.0',
      acceptedPorts: [ordersPort],
    });
  });

  it('refuses a removed column without a new major version, naming the column and the version to raise to', async () => {
    const rsp = await run(
      product('1.1.0', [withoutAmount], {
        version: '1.0.0',
        ports: [ordersPort],
      }),
    );
    expect(rsp.results).toEqual([
      expect.objectContaining({ severity: Severity.SEVERITY_FATAL }),
    ]);
    const message = rsp.results[0].message;
    expect(message).toContain('"amount"');
    expect(message).toContain('2.0.0');
    expect(message).toContain('stay as version 1.0.0');
    // Nothing desired: Crossplane keeps the table, and the accepted status.
    expect(rsp.desired?.resources).toEqual({});
    expect(rsp.desired?.composite).toBeUndefined();
  });

  it('refuses a changed type at the same version, and a removed port', async () => {
    const retyped = withColumns([
      ordersPort.contract.columns[0],
      { name: 'amount', type: 'FLOAT64' },
    ]);
    const changedType = await run(
      product('1.0.0', [retyped], { version: '1.0.0', ports: [ordersPort] }),
    );
    expect(changedType.results[0]).toMatchObject({
      severity: Severity.SEVERITY_FATAL,
      message: expect.stringMatching(/"amount".*NUMERIC.*FLOAT64/),
    });
    const removedPort = await run(
      product('1.2.0', [], { version: '1.0.0', ports: [ordersPort] }),
    );
    expect(removedPort.results[0]).toMatchObject({
      severity: Severity.SEVERITY_FATAL,
      message: expect.stringContaining('2.0.0'),
    });
  });

  it('accepts the same breaking change with a new major version, and records it', async () => {
    const rsp = await run(
      product('2.0.0', [withoutAmount], {
        version: '1.0.0',
        ports: [ordersPort],
      }),
    );
    expect(rsp.results.map(r => r.severity)).toEqual([
      Severity.SEVERITY_NORMAL,
    ]);
    expect(JSON.parse(tableOf(rsp, 'orders').spec.forProvider.schema)).toEqual([
      { name: 'order_id', type: 'STRING', mode: 'REQUIRED' },
    ]);
    expect(statusOf(rsp)).toMatchObject({
      acceptedVersion: '2.0.0',
      acceptedPorts: [withoutAmount],
    });
  });

  it('accepts a change that breaks no reader without a new major version', async () => {
    const added = withColumns([
      ...ordersPort.contract.columns,
      { name: 'currency', type: 'STRING', description: 'ISO 4217 code.' },
    ]);
    const rsp = await run(
      product('1.1.0', [added, { ...ordersPort, name: 'refunds' }], {
        version: '1.0.0',
        ports: [ordersPort],
      }),
    );
    expect(rsp.results.map(r => r.severity)).toEqual([
      Severity.SEVERITY_NORMAL,
    ]);
    expect(Object.keys(rsp.desired?.resources ?? {})).toEqual(
      expect.arrayContaining(['table-orders', 'table-refunds']),
    );
    expect(statusOf(rsp).acceptedVersion).toBe('1.1.0');
  });

  it('refuses a version that goes back', async () => {
    const rsp = await run(
      product('1.0.0', [ordersPort], { version: '2.0.0', ports: [ordersPort] }),
    );
    expect(rsp.results[0]).toMatchObject({
      severity: Severity.SEVERITY_FATAL,
      message: expect.stringContaining('cannot go back from 2.0.0 to 1.0.0'),
    });
  });

  it('compares nothing for a product composed before versions were recorded', async () => {
    const xr = {
      ...product('1.0.0', [withoutAmount]),
      status: { project: 'meshifi-platform' },
    };
    const rsp = await run(xr);
    expect(rsp.results.map(r => r.severity)).toEqual([
      Severity.SEVERITY_NORMAL,
    ]);
    expect(statusOf(rsp).acceptedVersion).toBe('1.0.0');
  });

  it('refuses, whatever the minor version, every removed column of an accepted port', () =>
    fc.assert(
      fc.asyncProperty(
        fc.nat({ max: 50 }),
        fc.nat({ max: 50 }),
        async (minor, patch) => {
          const rsp = await run(
            product(`1.${minor}.${patch}`, [withoutAmount], {
              version: '1.0.0',
              ports: [ordersPort],
            }),
          );
          expect(rsp.results[0].severity).toBe(Severity.SEVERITY_FATAL);
          expect(rsp.desired?.resources).toEqual({});
        },
      ),
      { numRuns: 25 },
    ));
});

describe('runFunction: a table waits for its dataset', () => {
  it('holds the tables back, and the product unready, until the curated dataset exists', async () => {
    const rsp = await run(product('1.0.0', [ordersPort]), {});
    expect(tableOf(rsp, 'orders')).toBeUndefined();
    expect(rsp.desired?.resources['dataset-curated']).toBeDefined();
    expect(rsp.desired?.composite?.ready).toBe(Ready.READY_FALSE);
    expect(rsp.results.map(r => r.message)).toEqual(
      expect.arrayContaining([
        expect.stringContaining('created once the curated dataset exists'),
      ]),
    );
    // The port is accepted all the same: its table comes unchanged.
    expect(statusOf(rsp).acceptedPorts).toEqual([ordersPort]);
  });

  it('keeps composing a table it composed before, whatever its dataset shows', async () => {
    const rsp = await run(product('1.0.0', [ordersPort]), {
      'dataset-curated': {
        ...readyCuratedDataset,
        status: { conditions: [{ type: 'Ready', status: 'False' }] },
      },
      'table-orders': {
        apiVersion: 'bigquery.gcp.m.upbound.io/v1beta1',
        kind: 'Table',
        metadata: { name: 'customer-orders.orders' },
      },
    });
    expect(tableOf(rsp, 'orders').kind).toBe('Table');
    expect(rsp.desired?.composite?.ready).not.toBe(Ready.READY_FALSE);
  });
});
