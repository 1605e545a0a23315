import { ResponseError } from '@backstage/errors';
import { MeshifiClient } from './MeshifiClient';

const BASE_URL = 'http://backstage.test/api/meshifi';

type Call = { url: string; init?: RequestInit };

/** A client whose fetch answers with `answer` and records what it was asked. */
function clientAnswering(answer: () => Response) {
  const calls: Call[] = [];
  const client = new MeshifiClient({
    discoveryApi: { getBaseUrl: async () => BASE_URL },
    fetchApi: {
      fetch: async (input: any, init?: RequestInit) => {
        calls.push({ url: String(input), init });
        return answer();
      },
    },
  });
  return { client, calls };
}

const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), {
    status,
    headers: { 'Content-Type': 'application/json' },
  });

/** A Backstage error body, as the backend's error handler writes it. */
const backstageError = (status: number, name: string, message: string) =>
  json({ error: { name, message }, response: { statusCode: status } }, status);

describe('MeshifiClient access', () => {
  it("reads a product's access at its namespace and name, each encoded", async () => {
    const report = { grants: [], mayApprove: true };
    const { client, calls } = clientAnswering(() => json(report));
    await expect(
      client.getProductAccess({
        kind: 'DataProduct',
        namespace: 'default',
        name: 'orders/../x',
      }),
    ).resolves.toEqual(report);
    expect(calls).toEqual([
      {
        url: `${BASE_URL}/products/default/orders%2F..%2Fx/access`,
        init: undefined,
      },
    ]);
  });

  it("reads a user's or group's access under its kind in lower case", async () => {
    const { client, calls } = clientAnswering(() => json({ grants: [] }));
    await client.getConsumerAccess({
      kind: 'Group',
      namespace: 'default',
      name: 'finance',
    });
    expect(calls[0].url).toBe(
      `${BASE_URL}/consumers/group/default/finance/access`,
    );
  });

  it('approves with a POST to the request', async () => {
    const { client, calls } = clientAnswering(() =>
      json({ id: 'r1', decision: 'approving' }),
    );
    await expect(client.approveAccessRequest('r1')).resolves.toMatchObject({
      decision: 'approving',
    });
    expect(calls).toEqual([
      {
        url: `${BASE_URL}/access-requests/r1/approve`,
        init: { method: 'POST' },
      },
    ]);
  });

  it('declines with the reason as JSON', async () => {
    const { client, calls } = clientAnswering(() =>
      json({ id: 'r 1', decision: 'declined' }),
    );
    await client.declineAccessRequest('r 1', {
      reason: 'Use the anonymised view',
    });
    expect(calls[0].url).toBe(`${BASE_URL}/access-requests/r%201/decline`);
    expect(calls[0].init?.method).toBe('POST');
    expect(JSON.parse(String(calls[0].init?.body))).toEqual({
      reason: 'Use the anonymised view',
    });
  });

  it("turns a refusal into a ResponseError carrying the backend's words", async () => {
    const { client } = clientAnswering(() =>
      backstageError(
        409,
        'ConflictError',
        'Bo declined this request a moment ago.',
      ),
    );
    const error = await client.approveAccessRequest('r1').catch(e => e);
    expect(error).toBeInstanceOf(ResponseError);
    expect(error.statusCode).toBe(409);
    expect(error.cause.message).toBe('Bo declined this request a moment ago.');
  });

  it('keeps the status of an answer that is not JSON', async () => {
    const { client } = clientAnswering(
      () => new Response('Bad gateway', { status: 502 }),
    );
    const error = await client
      .getConsumerAccess({ kind: 'User', namespace: 'default', name: 'ana' })
      .catch(e => e);
    expect(error.statusCode).toBe(502);
    expect(error.cause.message).toContain('Bad gateway');
  });
});

describe('MeshifiClient files', () => {
  const orders = { kind: 'DataProduct', namespace: 'default', name: 'orders' };
  const yaml = (body: string, headers: Record<string, string> = {}) =>
    new Response(body, {
      status: 200,
      headers: { 'Content-Type': 'application/yaml', ...headers },
    });

  it("fetches a port's contract with the user's fetch and names it as the backend says", async () => {
    const { client, calls } = clientAnswering(() =>
      yaml('apiVersion: v3.1.0\n', {
        'Content-Disposition': 'attachment; filename="orders.daily.yaml"',
      }),
    );
    const file = await client.getContractFile(orders, 'daily totals');
    expect(calls).toEqual([
      {
        url: `${BASE_URL}/products/default/orders/contracts/daily%20totals`,
        init: undefined,
      },
    ]);
    expect(file.fileName).toBe('orders.daily.yaml');
    expect(await file.content.text()).toBe('apiVersion: v3.1.0\n');
  });

  it('names a file itself when the backend gives no name', async () => {
    const { client, calls } = clientAnswering(() =>
      yaml('kind: DataProduct\n'),
    );
    const file = await client.getProductFile(orders);
    expect(calls[0].url).toBe(`${BASE_URL}/products/default/orders/odps`);
    expect(file.fileName).toBe('orders.odps.yaml');
    const contract = await client.getContractFile(orders, 'daily');
    expect(contract.fileName).toBe('orders.daily.odcs.yaml');
  });

  it("carries the backend's refusal", async () => {
    const { client } = clientAnswering(() =>
      backstageError(404, 'NotFoundError', 'orders has no output port daily.'),
    );
    await expect(client.getContractFile(orders, 'daily')).rejects.toMatchObject(
      {
        statusCode: 404,
        cause: { message: 'orders has no output port daily.' },
      },
    );
  });
});
