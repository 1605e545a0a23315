import { CustomObjectsApi } from '@kubernetes/client-node';
import {
  apiPathOf,
  apiResourceOf,
  KINDS,
  KubernetesKind,
} from '@meshifi/common';
import { KubernetesError, toKubernetesError } from './KubernetesError';
import { ScriptedApiServer } from './__testUtils__/scriptedApiServer';

describe('toKubernetesError', () => {
  describe("of client-node's errors", () => {
    let server: ScriptedApiServer;

    beforeEach(async () => {
      server = await ScriptedApiServer.start(apiPathOf(KINDS.dataProduct));
    });

    afterEach(() => server.close());

    /** What listing DataProducts (or another kind) throws. */
    const listError = (
      kind: KubernetesKind = KINDS.dataProduct,
      kubeConfig = server.kubeConfig(),
    ) =>
      kubeConfig
        .makeApiClient(CustomObjectsApi)
        .listClusterCustomObject(apiResourceOf(kind))
        .then(
          () => {
            throw new Error('the list succeeded');
          },
          error => error as unknown,
        );

    it('says that the credentials are refused (401)', async () => {
      server.fail('list', 401);
      const cause = await listError();
      const error = toKubernetesError(cause);
      expect(error).toBeInstanceOf(KubernetesError);
      expect(error).toMatchObject({
        type: 'UNAUTHORIZED',
        statusCode: 401,
        message: "the cluster does not accept meshifi's credentials (HTTP 401)",
        cause,
      });
    });

    it("says what RBAC refused, in the API server's words (403)", async () => {
      server.fail('list', 403, {
        body: {
          kind: 'Status',
          code: 403,
          reason: 'Forbidden',
          message:
            'dataproducts.meshifi.io is forbidden: User "system:serviceaccount:backstage:backstage" cannot list resource "dataproducts" in API group "meshifi.io" at the cluster scope',
          details: { group: 'meshifi.io', kind: 'dataproducts' },
        },
      });
      expect(toKubernetesError(await listError())).toMatchObject({
        type: 'FORBIDDEN',
        statusCode: 403,
        reason: 'Forbidden',
        details: { group: 'meshifi.io', kind: 'dataproducts' },
        message:
          'the cluster does not let meshifi do this (HTTP 403): dataproducts.meshifi.io is forbidden: User "system:serviceaccount:backstage:backstage" cannot list resource "dataproducts" in API group "meshifi.io" at the cluster scope',
      });
    });

    it('says that a kind is not served (404)', async () => {
      expect(
        toKubernetesError(await listError(KINDS.dataDomain)),
      ).toMatchObject({
        type: 'NOT_FOUND',
        statusCode: 404,
        reason: 'NotFound',
        message: 'the server could not find the requested resource (HTTP 404)',
      });
    });

    it('says that nothing answers, and not where it asked', async () => {
      const { url } = server;
      const kubeConfig = server.kubeConfig();
      await server.close();
      const error = toKubernetesError(
        await listError(KINDS.dataProduct, kubeConfig),
      );
      expect(error.type).toBe('UNREACHABLE');
      expect(error.statusCode).toBeUndefined();
      expect(error.message).toMatch(
        /^no connection to the cluster: connect ECONNREFUSED 127\.0\.0\.1:\d+$/,
      );
      expect(error.message).not.toContain(url);
    });
  });

  it('says what the API server said, with the HTTP status', () => {
    const error = Object.assign(new Error('HTTP-Code: 429\nMessage: ...'), {
      code: 429,
      body: JSON.stringify({
        kind: 'Status',
        message: 'storage is (re)initializing',
        code: 429,
      }),
    });
    expect(toKubernetesError(error).message).toBe(
      'storage is (re)initializing (HTTP 429)',
    );
    expect(toKubernetesError(error).statusCode).toBe(429);
    expect(toKubernetesError(error).type).toBe('SERVICE_UNAVAILABLE');
  });

  it("reads a watch's HTTP error and a watch ERROR event", () => {
    const gone = Object.assign(new Error('Gone'), { statusCode: 410 });
    expect(toKubernetesError(gone)).toMatchObject({
      type: 'GONE',
      message: 'the cluster answered HTTP 410',
    });
    expect(
      toKubernetesError({
        kind: 'Status',
        code: 410,
        reason: 'Expired',
        message: 'too old resource version: 3 (9)',
      }),
    ).toMatchObject({
      type: 'GONE',
      reason: 'Expired',
      message: 'too old resource version: 3 (9) (HTTP 410)',
    });
  });

  it.each([
    [400, 'BAD_REQUEST'],
    [409, 'CONFLICT'],
    [422, 'BAD_REQUEST'],
    [500, 'SYSTEM_ERROR'],
    [503, 'SERVICE_UNAVAILABLE'],
    [504, 'SERVICE_UNAVAILABLE'],
  ])('types HTTP %i as %s', (code, type) => {
    expect(toKubernetesError({ code }).type).toBe(type);
  });

  it('falls back to the first line of any other error', () => {
    expect(
      toKubernetesError(new Error('connect ECONNREFUSED\nmore')).message,
    ).toBe('connect ECONNREFUSED');
    expect(toKubernetesError('plain').message).toBe('plain');
    expect(toKubernetesError(undefined).statusCode).toBeUndefined();
    expect(toKubernetesError(new TypeError('x is undefined')).type).toBe(
      'UNKNOWN',
    );
  });

  it('returns a KubernetesError as it is', () => {
    const error = toKubernetesError({ code: 404 });
    expect(toKubernetesError(error)).toBe(error);
  });

  it('keeps credentials in a URL out of the sentence', () => {
    const error = Object.assign(
      new Error(
        'request to https://admin:s3cret@cluster.example/apis failed, reason: getaddrinfo ENOTFOUND cluster.example',
      ),
      { code: 'ENOTFOUND' },
    );
    expect(toKubernetesError(error).message).toBe(
      'no connection to the cluster: getaddrinfo ENOTFOUND cluster.example',
    );
    expect(
      toKubernetesError(new Error('see https://admin:s3cret@cluster.example'))
        .message,
    ).not.toContain('s3cret');
  });

  it.each([
    ['null', null],
    ['a number', 42],
    ['an empty object', {}],
    ['an array', []],
    ['an object without a prototype', Object.create(null)],
    ['a body that is not JSON', { code: 500, body: '{not json' }],
    ['a status code out of range', { code: 42, message: 'odd' }],
    ['a message that is not text', { message: { nested: true } }],
    [
      'a Status with a multi-line message',
      { kind: 'Status', code: 500, message: 'a\nb' },
    ],
  ])('turns %s into one line, without throwing', (_what, value) => {
    const error = toKubernetesError(value);
    expect(error).toBeInstanceOf(KubernetesError);
    expect(error.message).not.toContain('\n');
    expect(error.message.length).toBeGreaterThan(0);
  });
});
