/*
 * The rules of spec.capabilities.fivetran that only the API server applies,
 * on a real control plane (kube-apiserver with the DataProduct XRD that
 * Crossplane turns into a CRD): a connection's connector cannot change once
 * created (a CEL transition rule: Fivetran fixes a connection's connector
 * and destination), names are unique, and frequencies are Fivetran's.
 */
import { dataProductManifest } from '@meshifi/common';
import { controlPlaneAvailable, eventually } from '@meshifi/test-utils';
import { ControlPlane, startControlPlane } from './__testUtils__/controlPlane';

const describeIf = controlPlaneAvailable() ? describe : describe.skip;

jest.setTimeout(180_000);

const connections = [
  {
    name: 'shop',
    connector: 'google_sheets',
    syncFrequency: 60,
    credentialsSecret: 'shop-sheet',
  },
];

const product = (name: string, list: unknown[]) =>
  dataProductManifest({
    info: { name, version: '0.1.0' },
    access: { owners: ['ana@example.com'] },
    capabilities: { fivetran: { connections: list } },
  });

describeIf('Fivetran connections on a real API server', () => {
  let cluster: ControlPlane;

  /** What the API server answers a kubectl command: its refusal, or '' when it accepts. */
  const refusal = async (args: string[], input?: string) => {
    try {
      await cluster.kubectl(args, input);
      return '';
    } catch (error) {
      return String((error as { stderr?: string }).stderr ?? error);
    }
  };

  const patchConnections = (name: string, list: unknown[]) =>
    refusal([
      'patch',
      'dataproduct',
      name,
      '--namespace',
      'default',
      '--type=merge',
      '-p',
      JSON.stringify({
        spec: { capabilities: { fivetran: { connections: list } } },
      }),
    ]);

  beforeAll(async () => {
    cluster = await startControlPlane();
    // The XRD's CRD is served once Crossplane has established it.
    await eventually(async () => {
      const notYet = await refusal([
        'get',
        'dataproducts',
        '--namespace',
        'default',
      ]);
      if (notYet) {
        throw new Error(`DataProducts are not served yet: ${notYet}`);
      }
    });
  }, 15 * 60_000);

  afterAll(async () => {
    await cluster?.stop();
  }, 120_000);

  it("keeps a connection's connector, and lets the frequency change and connections come and go", async () => {
    await cluster.create(product('shop-orders', connections));
    expect(
      await patchConnections('shop-orders', [
        { ...connections[0], connector: 'stripe' },
      ]),
    ).toContain(
      "A connection's connector cannot change: add a connection with a new name instead.",
    );
    expect(
      await patchConnections('shop-orders', [
        { ...connections[0], syncFrequency: 1440 },
        { ...connections[0], name: 'payments', connector: 'stripe' },
      ]),
    ).toBe('');
    // A connection removed and another of the same name added later is a
    // new connection: its connector is its own.
    expect(
      await patchConnections('shop-orders', [
        { ...connections[0], name: 'payments', connector: 'stripe' },
      ]),
    ).toBe('');
    expect(
      await patchConnections('shop-orders', [
        { ...connections[0], name: 'payments', connector: 'stripe' },
        { ...connections[0], connector: 'sftp' },
      ]),
    ).toBe('');
    const stored = await cluster.get('dataproduct', 'shop-orders', 'default');
    expect(stored?.spec.capabilities.fivetran.connections).toEqual([
      { ...connections[0], name: 'payments', connector: 'stripe' },
      { ...connections[0], connector: 'sftp' },
    ]);
  });

  it('refuses a name used twice and a frequency Fivetran does not offer', async () => {
    const twice = await refusal(
      ['create', '-f', '-'],
      JSON.stringify(product('twice', [connections[0], { ...connections[0] }])),
    );
    expect(twice).toContain('Give each connection its own name.');
    const every7 = await refusal(
      ['create', '-f', '-'],
      JSON.stringify(
        product('every-seven', [{ ...connections[0], syncFrequency: 7 }]),
      ),
    );
    expect(every7).toContain('syncFrequency must be one of');
  });
});
