/*
 * The capability framework on the composition function, proven with a
 * capability that exists only in the tests (notesCapability), registered as
 * a capability's one line in registry.ts registers it: the test's registry
 * is the real one plus that line. That is all it takes for the XRD to carry
 * its schema, validation to know it, the Composition to run its step
 * between the core step and readiness, the function to compose it from the
 * pipeline context and report its status, and Crossplane to be given its
 * RBAC. The pipeline is run step by step as Crossplane runs it: each step
 * gets the previous one's desired state and context, and a fatal result
 * ends it.
 */
import {
  fromCompose,
  Ready,
  RunFunctionResponse,
  Severity,
} from '@crossplane-org/function-sdk-typescript';
import {
  CAPABILITIES,
  capabilitiesClusterRole,
  dataDomainManifest,
  dataProductManifest,
  dataProductXrd,
  DataProduct,
  PRODUCT_CONTEXT_KEY,
  ProductContext,
  validateDataProduct,
} from '@meshifi/common';
import fc from 'fast-check';
import {
  capabilityStep,
  COMPOSITIONS,
  Composition,
  dataProductComposition,
  FUNCTION_NAMES,
} from './compositions';
import {
  createRunFunction,
  runFunction as realRunFunction,
} from './runFunction';
import { functionRequest } from './__testUtils__/functionRequest';
import { NOTES_KEY, notesCapability } from './__testUtils__/notesCapability';

// The one line: the registry, with the test's capability after the real ones.
jest.mock('../../../plugins/meshifi-common/src/capabilities/registry', () => {
  const actual = jest.requireActual(
    '../../../plugins/meshifi-common/src/capabilities/registry',
  );
  const { notesCapability: notes } = jest.requireActual(
    './__testUtils__/notesCapability',
  );
  const registered = [...actual.CAPABILITIES, notes];
  return {
    CAPABILITIES: registered,
    capabilityNamed: (name: string, list = registered) =>
      list.find((c: { name: string }) => c.name === name),
  };
});

const composition = COMPOSITIONS.DataProduct;
const runFunction = fromCompose(realRunFunction);

const coreStep = composition.spec.pipeline[0];
const notesStep = composition.spec.pipeline.find(
  step => step.step === 'capability-notes',
)!;

const salesDomain = dataDomainManifest('sales', {
  owner: 'group:default/sales-analytics',
  gcpProject: 'acme-sales-data',
});

/** What Crossplane answers the core step of a product in the sales domain. */
const salesRequired = {
  domain: [salesDomain],
  namespace: [
    {
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: {
        name: 'sales',
        labels: {
          'crossplane.io/composite': 'sales',
          'meshifi.io/domain': 'sales',
        },
      },
    },
  ],
};

const product = (
  capabilities?: Record<string, unknown>,
  domain?: string,
): DataProduct =>
  dataProductManifest({
    info: { name: 'customer-orders', version: '0.1.0' },
    access: { owners: ['ana@example.com'] },
    ...(domain ? { domain } : {}),
    ...(capabilities ? { capabilities } : {}),
  });

const withNote = (text = 'Refreshed every morning.', domain?: string) =>
  product({ notes: { text } }, domain);

type Run = {
  /** The response of each meshifi step that ran, by step name. */
  steps: Record<string, RunFunctionResponse>;
  /** The last step's: what Crossplane applies. */
  last: RunFunctionResponse;
};

/**
 * Runs the Composition's meshifi steps in order, as Crossplane does: each
 * gets the XR, the observed resources and the previous step's desired state
 * and context; a fatal result ends the pipeline. function-auto-ready, last,
 * is not ours and is left out. `between` changes the context passed on
 * after a step, as another function in the pipeline could.
 */
async function runPipeline(
  xr: unknown,
  options: {
    pipeline?: Composition;
    observed?: Record<string, unknown>;
    environment?: unknown;
    required?: Record<string, unknown[]>;
    between?: (
      step: string,
      context: Record<string, unknown>,
    ) => Record<string, unknown>;
  } = {},
): Promise<Run> {
  const steps: Record<string, RunFunctionResponse> = {};
  let last: RunFunctionResponse | undefined;
  for (const step of (options.pipeline ?? composition).spec.pipeline) {
    if (step.functionRef.name !== FUNCTION_NAMES.meshifi) {
      continue;
    }
    const context = (last?.context ?? {}) as Record<string, unknown>;
    const rsp = await runFunction.RunFunction(
      functionRequest(xr, {
        input: step.input,
        observed: options.observed,
        environment: options.environment,
        required: options.required,
        previous: last && {
          context: options.between?.(step.step, context) ?? context,
          desired: last.desired,
        },
      }),
      undefined,
    );
    steps[step.step] = rsp;
    last = rsp;
    if (rsp.results.some(r => r.severity === Severity.SEVERITY_FATAL)) {
      break;
    }
  }
  return { steps, last: last! };
}

const desiredKeys = (rsp: RunFunctionResponse) =>
  Object.keys(rsp.desired?.resources ?? {}).sort();
const desired = (rsp: RunFunctionResponse, key: string) =>
  rsp.desired?.resources[key]?.resource as any;
const statusOf = (rsp: RunFunctionResponse) =>
  (rsp.desired?.composite?.resource as any)?.status;
const fatalOf = (rsp: RunFunctionResponse) =>
  rsp.results.filter(r => r.severity === Severity.SEVERITY_FATAL);

describe('a capability registered with one line', () => {
  it('is in the registry after the real ones', () => {
    expect(CAPABILITIES.map(c => c.name).slice(-1)).toEqual(['notes']);
  });

  it('gets its step in the Composition between the core step and readiness', () => {
    expect(composition.spec.pipeline.map(s => s.step)).toEqual([
      'compose-data-product',
      ...CAPABILITIES.map(c => `capability-${c.name}`),
      'detect-ready-resources',
    ]);
    expect(notesStep).toEqual(capabilityStep(notesCapability));
    expect(notesStep.functionRef.name).toBe(FUNCTION_NAMES.meshifi);
    expect(notesStep.input).toMatchObject({
      capability: 'notes',
      platform: { capabilities: { notes: notesCapability.packagedSettings } },
    });
    // The core step is the one of a Composition without capabilities.
    expect(coreStep).toEqual(dataProductComposition([]).spec.pipeline[0]);
  });

  it('is in the XRD under spec.capabilities and status.capabilities', () => {
    const schema = (xrd: ReturnType<typeof dataProductXrd>) =>
      xrd.spec.versions[0].schema.openAPIV3Schema.properties as any;
    const registered = schema(dataProductXrd());
    expect(registered.spec.properties.capabilities.properties.notes).toEqual(
      expect.objectContaining({
        type: 'object',
        required: ['text'],
        title: 'Notes',
        properties: { text: expect.objectContaining({ maxLength: 200 }) },
      }),
    );
    expect(registered.status.properties.capabilities.properties.notes).toEqual(
      notesCapability.statusSchema,
    );
    // Without it, nothing else of the XRD changes.
    const without = schema(
      dataProductXrd(CAPABILITIES.filter(c => c.name !== 'notes')),
    );
    const { capabilities: _with, ...rest } = registered.spec.properties;
    const { capabilities: _without, ...restWithout } = without.spec.properties;
    expect(rest).toEqual(restWithout);
    expect(
      Object.keys(without.spec.properties.capabilities.properties),
    ).not.toContain('notes');
  });

  it('is known to validation: its spec is accepted, a misspelt field of it is not', () => {
    expect(validateDataProduct(withNote()).ok).toBe(true);
    const misspelt = product({
      notes: { text: 'Refreshed every morning.', txt: 'Twice' },
    });
    const result = validateDataProduct(misspelt);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.problems.map(p => p.path)).toContain(
      'spec.capabilities.notes.txt',
    );
  });

  it('gives Crossplane its RBAC through the aggregated ClusterRole', () => {
    const role = capabilitiesClusterRole();
    expect(role.metadata.labels).toMatchObject({
      'rbac.crossplane.io/aggregate-to-crossplane': 'true',
    });
    expect(role.rules).toEqual(expect.arrayContaining(notesCapability.rbac));
  });
});

describe('runFunction: a capability step', () => {
  it('adds nothing when the product does not turn the capability on', async () => {
    const withoutNotes = await runPipeline(product());
    const coreOnly = await runPipeline(product(), {
      pipeline: dataProductComposition([]),
    });
    expect(fatalOf(withoutNotes.last)).toEqual([]);
    expect(withoutNotes.last.desired).toEqual(coreOnly.last.desired);
    expect(statusOf(withoutNotes.last).capabilities).toBeUndefined();
    expect(withoutNotes.steps['capability-notes'].results).toEqual([]);
  });

  it('composes its resources after the core ones, keeping them', async () => {
    const { steps, last } = await runPipeline(withNote());
    const core = desiredKeys(steps['compose-data-product']);
    expect(core).toContain('dataset-raw');
    expect(desiredKeys(last)).toEqual([...core, NOTES_KEY].sort());
    expect(desired(last, NOTES_KEY)).toEqual({
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: {
        name: 'customer-orders-notes',
        labels: {
          'meshifi.io/data-product': 'customer-orders',
          'meshifi.io/role': 'capability',
          'meshifi.io/capability': 'notes',
        },
      },
      data: {
        heading: 'Notes',
        text: 'Refreshed every morning.',
        namespace: 'default',
        project: 'meshifi-platform',
        rawDataset: 'customer_orders_raw',
        serviceAccount:
          'dp-customer-orders@meshifi-platform.iam.gserviceaccount.com',
      },
    });
    expect(last.results.map(r => [r.severity, r.message])).toEqual([
      [
        Severity.SEVERITY_NORMAL,
        'Composed 1 resource of Notes for the data product customer-orders.',
      ],
    ]);
  });

  it("reports its status under status.capabilities.<name>, beside the core step's", async () => {
    const { steps, last } = await runPipeline(withNote());
    const status = statusOf(last);
    expect(status.capabilities).toEqual({
      notes: { configMap: 'customer-orders-notes', kept: false },
    });
    const { capabilities: _notes, ...core } = status;
    expect(core).toEqual(statusOf(steps['compose-data-product']));
    expect(core.project).toBe('meshifi-platform');
  });

  it("marks a resource of readiness 'exists' ready only once Crossplane observed it", async () => {
    const before = await runPipeline(withNote());
    expect(before.last.desired?.resources[NOTES_KEY]?.ready).toBe(
      Ready.READY_FALSE,
    );
    const after = await runPipeline(withNote(), {
      observed: { [NOTES_KEY]: desired(before.last, NOTES_KEY) },
    });
    expect(after.last.desired?.resources[NOTES_KEY]?.ready).toBe(
      Ready.READY_TRUE,
    );
    expect(statusOf(after.last).capabilities.notes.kept).toBe(true);
    // The GCP resources stay for function-auto-ready to judge.
    expect(after.last.desired?.resources['dataset-raw']?.ready).toBe(
      Ready.READY_UNSPECIFIED,
    );
  });

  it('refuses a product the capability finds a problem with: fatal, nothing applied', async () => {
    const { steps, last } = await runPipeline(
      withNote('The password is hunter2.'),
    );
    expect(desiredKeys(steps['compose-data-product'])).not.toEqual([]);
    expect(fatalOf(last)).toEqual([
      expect.objectContaining({
        message: 'A note must not hold a password: remove it.',
      }),
    ]);
    expect(last.desired?.resources).toEqual({});
    expect(last.desired?.composite).toBeUndefined();
  });

  it('composes nothing when the core step composed nothing', async () => {
    // Asked for its domain first, the core step composes nothing and passes
    // no context on: the capability's step adds nothing either.
    const { steps, last } = await runPipeline(
      withNote('Refreshed every morning.', 'sales'),
    );
    expect(
      steps['compose-data-product'].requirements?.resources,
    ).toHaveProperty('domain');
    expect(
      steps['compose-data-product'].context?.[PRODUCT_CONTEXT_KEY],
    ).toBeUndefined();
    expect(desiredKeys(last)).toEqual([]);
    expect(last.results).toEqual([]);
    expect(statusOf(last)?.capabilities).toBeUndefined();
  });

  it("composes in the domain's project, as the core step says", async () => {
    const { last } = await runPipeline(
      withNote('Refreshed every morning.', 'sales'),
      { required: salesRequired },
    );
    expect(desired(last, NOTES_KEY).data).toMatchObject({
      namespace: 'sales',
      project: 'acme-sales-data',
      serviceAccount:
        'dp-customer-orders@acme-sales-data.iam.gserviceaccount.com',
    });
    expect(desired(last, NOTES_KEY).metadata.labels).toMatchObject({
      'meshifi.io/domain': 'sales',
    });
  });

  it('follows the context the core step passed, not the product', async () => {
    const elsewhere: Partial<ProductContext> = {
      namespace: 'moved',
      project: 'elsewhere-project',
      serviceAccountEmail: 'someone@elsewhere-project.iam.gserviceaccount.com',
      datasets: { raw: 'landing', cleaned: 'tidy', curated: 'shiny' },
    };
    const { last } = await runPipeline(withNote(), {
      between: (step, context) =>
        step === 'capability-notes'
          ? {
              ...context,
              [PRODUCT_CONTEXT_KEY]: {
                ...(context[PRODUCT_CONTEXT_KEY] as object),
                ...elsewhere,
              },
            }
          : context,
    });
    expect(desired(last, NOTES_KEY).data).toMatchObject({
      namespace: 'moved',
      project: 'elsewhere-project',
      rawDataset: 'landing',
      serviceAccount: 'someone@elsewhere-project.iam.gserviceaccount.com',
    });
  });

  it('takes its settings from the step input, overlaid by an EnvironmentConfig', async () => {
    const { last } = await runPipeline(withNote(), {
      environment: {
        meshifi: {
          platform: { capabilities: { notes: { heading: 'Read me' } } },
        },
      },
    });
    expect(desired(last, NOTES_KEY).data.heading).toBe('Read me');
  });

  it("tells the platform engineer what to set when the capability's settings are wrong", async () => {
    const { last } = await runPipeline(withNote(), {
      environment: {
        meshifi: { platform: { capabilities: { notes: { heading: '' } } } },
      },
    });
    expect(fatalOf(last)).toEqual([
      expect.objectContaining({
        message: expect.stringContaining(
          'set platform.capabilities.notes.heading',
        ),
      }),
    ]);
    expect(last.desired?.resources).toEqual({});
  });

  it('refuses a step of a capability the function does not have', async () => {
    // A Composition newer than the function it calls.
    const olderFunction = fromCompose(
      createRunFunction(
        () => new Date(),
        CAPABILITIES.filter(c => c.name !== 'notes'),
      ),
    );
    const core = (await runPipeline(withNote())).steps['compose-data-product'];
    const rsp = await olderFunction.RunFunction(
      functionRequest(withNote(), {
        input: notesStep.input,
        previous: { context: core.context, desired: core.desired },
      }),
      undefined,
    );
    expect(fatalOf(rsp)).toEqual([
      expect.objectContaining({
        message: expect.stringContaining(
          'The Composition runs a capability "notes" that this function does not have',
        ),
      }),
    ]);
    expect(rsp.desired?.resources).toEqual({});
  });

  it('composes any note verbatim, or refuses it, never anything else', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.string({ minLength: 1, maxLength: 60 }),
        async text => {
          const { last } = await runPipeline(withNote(text));
          const refused = /password/i.test(text);
          expect(fatalOf(last).length).toBe(refused ? 1 : 0);
          expect(desired(last, NOTES_KEY)?.data.text).toBe(
            refused ? undefined : text,
          );
        },
      ),
      { numRuns: 40 },
    );
  });

  it('composes nothing from a pipeline context that is not a product context, and never crashes', async () => {
    const core = (await runPipeline(withNote())).steps['compose-data-product'];
    const valid = core.context?.[PRODUCT_CONTEXT_KEY] as Record<
      string,
      unknown
    >;
    const required = [
      'product',
      'namespace',
      'project',
      'serviceAccountEmail',
      'datasets',
    ];
    // Any JSON, or the core step's context with a field it needs gone or
    // of another type.
    const broken = fc.oneof(
      fc.jsonValue(),
      fc
        .tuple(fc.constantFrom(...required), fc.option(fc.integer()))
        .map(([field, replacement]) => {
          const { [field]: _dropped, ...rest } = valid;
          return replacement === null
            ? rest
            : { ...rest, [field]: replacement };
        }),
    );
    await fc.assert(
      fc.asyncProperty(broken, async value => {
        const rsp = await runFunction.RunFunction(
          functionRequest(withNote(), {
            input: notesStep.input,
            previous: {
              context: { [PRODUCT_CONTEXT_KEY]: value },
              desired: core.desired,
            },
          }),
          undefined,
        );
        expect(fatalOf(rsp)).toEqual([]);
        expect(desiredKeys(rsp)).toEqual(desiredKeys(core));
      }),
      { numRuns: 60 },
    );
  });
});
