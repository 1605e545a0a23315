import Ajv from 'ajv';
import { execFileSync } from 'child_process';
import fc from 'fast-check';
import {
  connectionRequest,
  createConnectionBody,
  secretPlaceholder,
} from './connectionRequest';
import { FivetranConnection } from './fivetranSchema';
import { fivetranProblems } from './fivetranProblems';
import { connectorOf, DestinationFormat } from './fivetranSettings';
import { context, settings } from './testing/fixtures';
import {
  CONNECTION_ENDPOINTS,
  createConnectionRequestShape,
  destinationConfigShapes,
  documentedConnectionResponse,
  updateConnectionRequestShape,
} from './testing/fivetranApiShapes';
import {
  crdValidator,
  describeWithCrds,
  sharedCrdsNote,
} from './testing/sharedCrds';

const ajv = new Ajv({ allErrors: true });
const isCreateRequest = ajv.compile(createConnectionRequestShape);
const isUpdateRequest = ajv.compile(updateConnectionRequestShape);
const isDestination = Object.fromEntries(
  Object.entries(destinationConfigShapes).map(([format, shape]) => [
    format,
    ajv.compile(shape),
  ]),
) as Record<DestinationFormat, ReturnType<typeof ajv.compile>>;

/** provider-http v1.0.14's placeholder pattern (internal/data-patcher/parser.go), Go's \s as ASCII. */
const PLACEHOLDER =
  /\{\{[\t\n\f\r ]*([^:{}\t\n\f\r ]+):([^:{}\t\n\f\r ]+):([^:{}\t\n\f\r ]+)[\t\n\f\r ]*\}\}/g;

const placeholdersIn = (text: string) =>
  [...text.matchAll(PLACEHOLDER)].map(([, name, namespace, key]) => ({
    name,
    namespace,
    key,
  }));

type RequestSpec = {
  providerConfigRef: { kind: string; name: string };
  forProvider: {
    headers: Record<string, string[]>;
    payload: { baseUrl: string; body: string };
    mappings: Array<{
      action: string;
      method: string;
      url: string;
      body?: string;
    }>;
    expectedResponseCheck: { type: string; logic: string };
    isRemovedCheck: { type: string; logic: string };
  };
};

const requestOf = (connection: FivetranConnection) => {
  const connector = connectorOf(settings, connection.connector)!;
  return connectionRequest(
    connection,
    {
      group: settings.group!,
      connector,
      namespace: context.namespace,
      rawDataset: context.datasets.raw,
      product: context.product,
    },
    settings,
  ) as { metadata: { name: string }; spec: RequestSpec };
};

const sheet: FivetranConnection = {
  name: 'shop-orders',
  connector: 'google_sheets',
  syncFrequency: 60,
  credentialsSecret: 'shop-sheet',
};

const mapping = (spec: RequestSpec, action: string) =>
  spec.forProvider.mappings.find(m => m.action === action)!;

describe('the create body', () => {
  it.each([
    ['google_sheets', 'schema-table'],
    ['stripe', 'schema'],
    ['sftp', 'schema-table-group'],
  ] as const)(
    'of a %s connection has the shape Fivetran documents, writing the raw dataset (%s)',
    (connector, format) => {
      const { spec } = requestOf({ ...sheet, connector });
      const body = JSON.parse(spec.forProvider.payload.body);
      expect(isCreateRequest(body)).toBe(true);
      expect(isCreateRequest.errors ?? []).toEqual([]);
      expect(isDestination[format](body.config)).toBe(true);
      expect(body.config.schema).toBe(context.datasets.raw);
      expect(body).toMatchObject({
        group_id: 'projected_sickle',
        service: connector,
        paused: false,
        sync_frequency: 60,
      });
    },
  );

  it('names the table of a one-table connector after the connection, dashes as underscores', () => {
    const body = JSON.parse(requestOf(sheet).spec.forProvider.payload.body);
    expect(body.config.table).toBe('shop_orders');
    const group = JSON.parse(
      requestOf({ ...sheet, connector: 'sftp' }).spec.forProvider.payload.body,
    );
    expect(group.config.table_group_name).toBe('shop_orders');
    expect(group.config.table).toBeUndefined();
  });

  it('carries each credential as a placeholder for the Secret in the product namespace, never a value', () => {
    const body = JSON.parse(requestOf(sheet).spec.forProvider.payload.body);
    expect(body.config.sheet_id).toBe('{{ shop-sheet:sales:sheet_id }}');
    expect(body.config.named_range).toBe('{{ shop-sheet:sales:named_range }}');
    expect(body.config.auth_type).toBe('ServiceAccount');
    expect(
      placeholdersIn(requestOf(sheet).spec.forProvider.payload.body),
    ).toEqual([
      { name: 'shop-sheet', namespace: 'sales', key: 'sheet_id' },
      { name: 'shop-sheet', namespace: 'sales', key: 'named_range' },
    ]);
  });

  it('keeps the destination when the platform fixes a config field of the same name', () => {
    const connector = {
      ...connectorOf(settings, 'google_sheets')!,
      config: { schema: 'elsewhere', table: 'other' },
    };
    const body = createConnectionBody(sheet, {
      group: settings.group!,
      connector,
      namespace: 'sales',
      rawDataset: 'customer_orders_raw',
    });
    expect(body.config).toMatchObject({
      schema: 'customer_orders_raw',
      table: 'shop_orders',
    });
  });
});

describe('the Request', () => {
  it('sends Fivetran API key as Basic auth from the platform Secret, and asks for version 2 answers', () => {
    const { spec, metadata } = requestOf(sheet);
    expect(metadata.name).toBe('customer-orders.shop-orders');
    expect(spec.forProvider.headers.Authorization).toEqual([
      'Basic {{ fivetran-api-key:crossplane-system:basic-auth }}',
    ]);
    expect(spec.forProvider.headers.Accept).toEqual([
      'application/json;version=2',
    ]);
    expect(spec.providerConfigRef).toEqual({
      kind: 'ClusterProviderConfig',
      name: 'fivetran',
    });
  });

  it("uses each documented endpoint's method for its action", () => {
    const { spec } = requestOf(sheet);
    expect(mapping(spec, 'CREATE').method).toBe(
      CONNECTION_ENDPOINTS.create.method,
    );
    expect(mapping(spec, 'OBSERVE').method).toBe(
      CONNECTION_ENDPOINTS.retrieve.method,
    );
    expect(mapping(spec, 'UPDATE').method).toBe(
      CONNECTION_ENDPOINTS.update.method,
    );
    expect(mapping(spec, 'REMOVE').method).toBe(
      CONNECTION_ENDPOINTS.delete.method,
    );
  });

  it('refuses to make a placeholder of parts that could open another', () => {
    for (const bad of ['a:b', 'a}}', '{{', 'a b', '', 'a\nb']) {
      expect(() =>
        secretPlaceholder({ name: bad, namespace: 'sales', key: 'k' }),
      ).toThrow(/cannot be part of a secret placeholder/);
    }
  });
});

/** jq 1.6 stands in for provider-http's gojq in evaluating the mappings. */
const jqAvailable = (() => {
  try {
    execFileSync('jq', ['--version']);
    return true;
  } catch {
    return false;
  }
})();

if (!jqAvailable && process.env.CI === 'true') {
  // The test command installs jq: a CI run without it has lost this check.
  throw new Error(
    'jq is missing: the test command (./meshifi test) installs it.',
  );
}

const describeWithJq = jqAvailable ? describe : describe.skip;

/** Evaluates a jq expression on the context provider-http builds (requestgen.GenerateRequestContext). */
function jq(expression: string, requestContext: unknown): unknown {
  const out = execFileSync(
    'jq',
    [
      '-c',
      '-n',
      '--argjson',
      'ctx',
      JSON.stringify(requestContext),
      `$ctx | ${expression}`,
    ],
    { encoding: 'utf8' },
  );
  return JSON.parse(out);
}

/** What provider-http evaluates mappings on: forProvider with the body parsed, and the last response. */
const requestContext = (
  spec: RequestSpec,
  response: unknown,
  statusCode = 200,
) => ({
  ...spec.forProvider,
  payload: {
    ...spec.forProvider.payload,
    body: JSON.parse(spec.forProvider.payload.body),
  },
  response: { statusCode, headers: null, body: response },
});

describeWithJq(
  `the mappings, evaluated by jq${jqAvailable ? '' : ' (skipped: no jq)'}`,
  () => {
    const { spec } = requestOf(sheet);
    const created = documentedConnectionResponse({ id: 'speak_inexpensive' });
    const base = 'https://api.fivetran.com';

    it('create with the documented body at POST /v1/connections', () => {
      const ctx = requestContext(spec, undefined);
      expect(jq(mapping(spec, 'CREATE').url, ctx)).toBe(
        `${base}${CONNECTION_ENDPOINTS.create.path}`,
      );
      const body = jq(mapping(spec, 'CREATE').body!, ctx);
      expect(isCreateRequest(body)).toBe(true);
      expect(body).toEqual(JSON.parse(spec.forProvider.payload.body));
    });

    it.each(['OBSERVE', 'UPDATE', 'REMOVE'])(
      '%s the connection Fivetran answered, at /v1/connections/{connectionId}',
      action => {
        const url = jq(
          mapping(spec, action).url,
          requestContext(spec, created),
        );
        expect(url).toBe(
          `${base}${CONNECTION_ENDPOINTS.retrieve.path.replace(
            '{connectionId}',
            'speak_inexpensive',
          )}`,
        );
      },
    );

    it('reads "null" into the URL when the answer names no connection, which provider-http refuses', () => {
      const url = jq(
        mapping(spec, 'OBSERVE').url,
        requestContext(spec, { code: 'Success', message: 'deleted' }),
      );
      expect(url).toContain('null');
    });

    it('updates only what Fivetran lets change after creation, in the documented shape', () => {
      const body = jq(
        mapping(spec, 'UPDATE').body!,
        requestContext(spec, created),
      );
      expect(isUpdateRequest(body)).toBe(true);
      expect(body).toEqual({ paused: false, sync_frequency: 60 });
    });

    it('finds the connection up to date exactly when it is as paused and as frequent as asked', () => {
      const logic = spec.forProvider.expectedResponseCheck.logic;
      const same = documentedConnectionResponse({ sync_frequency: 60 });
      expect(jq(logic, requestContext(spec, same))).toBe(true);
      expect(
        jq(
          logic,
          requestContext(
            spec,
            documentedConnectionResponse({ sync_frequency: 360 }),
          ),
        ),
      ).toBe(false);
      expect(
        jq(
          logic,
          requestContext(
            spec,
            documentedConnectionResponse({ sync_frequency: 60, paused: true }),
          ),
        ),
      ).toBe(false);
    });

    it('finds the connection removed when Fivetran answers 404', () => {
      const logic = spec.forProvider.isRemovedCheck.logic;
      const notFound = { code: 'NotFound_Connection', message: 'not found' };
      expect(jq(logic, requestContext(spec, notFound, 404))).toBe(true);
      expect(jq(logic, requestContext(spec, created, 200))).toBe(false);
    });
  },
);

const REQUEST_CRD = [
  'provider-http-v1.0.14/http.m.crossplane.io_requests.yaml',
];
const describeWithRequestCrd = describeWithCrds(REQUEST_CRD);

describeWithRequestCrd(
  `the Request against the provider-http v1.0.14 CRD${sharedCrdsNote(
    REQUEST_CRD,
  )}`,
  () => {
    it('is a valid Request, and the CRD bites', () => {
      const validate = crdValidator(
        'provider-http-v1.0.14/http.m.crossplane.io_requests.yaml',
        'v1alpha2',
      );
      const request = requestOf(sheet);
      expect(validate(request)).toEqual([]);
      const broken = JSON.parse(JSON.stringify(request));
      broken.spec.forProvider.mappings[0].method = 'FETCH';
      expect(validate(broken).join(' ')).toMatch(/must be equal to one of/);
    });
  },
);

/** Text an analyst might type, hostile or not: quotes, braces, colons, placeholders, newlines, unicode. */
const hostileText = fc.oneof(
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc
    .array(
      fc.constantFrom(
        '{{',
        '}}',
        ':',
        'a',
        '-',
        '.',
        '_',
        '"',
        '\\',
        '\n',
        ' ',
        'x',
        '9',
        'fivetran-api-key:crossplane-system:basic-auth',
        '/',
        '?',
        '#',
      ),
      { maxLength: 12 },
    )
    .map(parts => parts.join('')),
);

const validName = fc.stringMatching(
  /^[a-z][a-z0-9]{0,8}(-[a-z0-9]{1,5}){0,2}$/,
);
const validSecret = fc.stringMatching(
  /^[a-z0-9]([-a-z0-9]{0,10}[a-z0-9])?(\.[a-z0-9]{1,4})?$/,
);

const connectionArb = fc.record({
  name: fc.oneof(validName, hostileText),
  connector: fc.oneof(
    fc.constantFrom(
      'google_sheets',
      'stripe',
      'sftp',
      '__proto__',
      'constructor',
    ),
    hostileText,
  ),
  syncFrequency: fc.oneof(
    fc.constantFrom(5, 60, 1440),
    fc.integer(),
    fc.double(),
  ) as fc.Arbitrary<number>,
  credentialsSecret: fc.oneof(validSecret, hostileText),
});

describe('whatever an analyst types', () => {
  it("either is a problem, or goes into the body as data: the only placeholders are the credentials the platform listed, in the product namespace, and the URL is Fivetran's", () => {
    let composed = 0;
    fc.assert(
      fc.property(connectionArb, connection => {
        const problems = fivetranProblems(
          { connections: [connection] },
          settings,
        );
        if (problems.length > 0) {
          return;
        }
        composed += 1;
        const { spec, metadata } = requestOf(connection as FivetranConnection);
        const connector = connectorOf(settings, connection.connector)!;
        expect(spec.forProvider.payload.baseUrl).toBe(
          'https://api.fivetran.com/v1/connections',
        );
        expect(metadata.name).toBe(`customer-orders.${connection.name}`);
        expect(placeholdersIn(spec.forProvider.payload.body)).toEqual(
          connector.credentialKeys.map(key => ({
            name: connection.credentialsSecret,
            namespace: 'sales',
            key,
          })),
        );
        const headers = JSON.stringify(spec.forProvider.headers);
        expect(placeholdersIn(headers)).toEqual([
          {
            name: 'fivetran-api-key',
            namespace: 'crossplane-system',
            key: 'basic-auth',
          },
        ]);
        const body = JSON.parse(spec.forProvider.payload.body);
        expect(isCreateRequest(body)).toBe(true);
        expect(Object.keys(body.config).sort()).toEqual(
          [
            ...Object.keys(connector.config ?? {}),
            ...connector.credentialKeys,
            ...Object.keys(
              destinationConfigShapes[connector.destination].properties,
            ),
          ].sort(),
        );
        expect(body.config.schema).toBe('customer_orders_raw');
        // The jq the provider runs is the same for every connection: no
        // input reaches it.
        expect(spec.forProvider.mappings).toEqual(
          requestOf(sheet).spec.forProvider.mappings,
        );
        expect(spec.forProvider.expectedResponseCheck).toEqual(
          requestOf(sheet).spec.forProvider.expectedResponseCheck,
        );
      }),
      { numRuns: 5000 },
    );
    // The generators reach the composing side too, not only the problems.
    expect(composed).toBeGreaterThan(100);
  });
});
