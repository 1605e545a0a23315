import {
  Ready,
  Resource,
  Resources,
  RunFunctionRequest,
  RunFunctionResponse,
  Severity,
  State,
} from '@crossplane-org/function-sdk-typescript';
import { KubernetesObject } from '@meshifi/common';
import { Composition, PipelineStep } from '@meshifi/crossplane-function';
import {
  COMPOSITION_RESOURCE_NAME,
  readyCondition,
  withComposedMetadata,
} from './crossplaneRenderRules';
import { fetchRequired } from './fetchRequired';
import { IN_PROCESS_FUNCTIONS, InProcessFunction } from './pipelineFunctions';

/** What `crossplane render` prints: the XR and its composed resources. */
export interface RenderedComposite {
  xr: KubernetesObject;
  composed: KubernetesObject[];
}

/** A pipeline that cannot run, or that ended in a fatal result: the XR composes nothing. */
export class RenderFailure extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RenderFailure';
  }
}

/** As many times as Crossplane runs a function to meet its requirements. */
const MAX_REQUIREMENT_ITERATIONS = 5;

// Objects travel to a function as protobuf Structs: JSON, and copies.
const json = <T>(value: T): T => JSON.parse(JSON.stringify(value ?? null));

const copyResource = (resource: Resource): Resource => ({
  resource: json(resource.resource),
  connectionDetails: {},
  ready: resource.ready,
});

function copyState(state: State): State {
  return {
    composite: state.composite ? copyResource(state.composite) : undefined,
    resources: Object.fromEntries(
      Object.entries(state.resources).map(([name, r]) => [
        name,
        copyResource(r),
      ]),
    ),
  };
}

const fatalOf = (rsp: RunFunctionResponse) =>
  rsp.results.find(r => r.severity === Severity.SEVERITY_FATAL);

const sortedJson = (value: unknown): string =>
  JSON.stringify(value, (_key, v) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(
          Object.entries(v).sort(([a], [b]) => (a < b ? -1 : 1)),
        )
      : v,
  );

/**
 * Runs one function as Crossplane does: again with what it required, until
 * its requirements stop changing.
 */
async function runStep(
  fn: InProcessFunction,
  step: PipelineStep,
  request: () => RunFunctionRequest,
  required: KubernetesObject[],
): Promise<RunFunctionResponse> {
  let requirements: string | undefined;
  let requiredResources: Record<string, Resources> = {};
  for (let i = 0; i <= MAX_REQUIREMENT_ITERATIONS; i++) {
    const rsp = await fn({ ...request(), requiredResources });
    const asked = rsp.requirements ? sortedJson(rsp.requirements) : undefined;
    if (fatalOf(rsp) || asked === requirements) {
      return rsp;
    }
    requirements = asked;
    requiredResources = Object.fromEntries(
      Object.entries(rsp.requirements?.resources ?? {}).map(
        ([name, selector]) => [name, fetchRequired(required, selector)],
      ),
    );
  }
  throw new RenderFailure(
    `pipeline step "${step.step}": its requirements did not settle after ${MAX_REQUIREMENT_ITERATIONS} runs.`,
  );
}

const COMPOSITE_READINESS: Partial<Record<Ready, 'ready' | 'unready'>> = {
  [Ready.READY_TRUE]: 'ready',
  [Ready.READY_FALSE]: 'unready',
};

/** The XR as `crossplane render` prints it: its desired state, who it is, and its Ready condition. */
function renderedXr(xr: KubernetesObject, desired: State): KubernetesObject {
  const composite = (desired.composite?.resource ??
    {}) as Partial<KubernetesObject> & {
    status?: { conditions?: { type: string }[] };
  };
  const unready = Object.entries(desired.resources)
    .filter(([, r]) => r.ready !== Ready.READY_TRUE)
    .map(([name]) => name);
  const condition = readyCondition(
    unready,
    COMPOSITE_READINESS[desired.composite?.ready ?? Ready.READY_UNSPECIFIED] ??
      'unspecified',
  );
  return {
    ...composite,
    apiVersion: xr.apiVersion,
    kind: xr.kind,
    metadata: {
      ...composite.metadata,
      name: xr.metadata.name,
      ...(xr.metadata.namespace ? { namespace: xr.metadata.namespace } : {}),
    },
    status: {
      ...composite.status,
      conditions: [
        ...(composite.status?.conditions ?? []).filter(c => c.type !== 'Ready'),
        condition,
      ],
    },
  } as KubernetesObject;
}

/**
 * Renders an XR through a Composition's pipeline in this process, as
 * `crossplane render` does with the functions served: each step's function
 * called with the observed XR, the desired state so far, its input and the
 * required resources it asks for; then Crossplane's metadata on each
 * composed resource, in the order of their names, and the XR's Ready
 * condition. Throws a RenderFailure with the function's own message when a
 * step is fatal, or when the pipeline calls a function meshifi cannot run.
 */
export async function renderComposite(input: {
  xr: KubernetesObject;
  composition: Composition;
  requiredResources: KubernetesObject[];
}): Promise<RenderedComposite> {
  const xr = json(input.xr);
  let desired: State = { composite: undefined, resources: {} };
  let context: Record<string, unknown> = {};
  for (const step of input.composition.spec.pipeline) {
    const fn = IN_PROCESS_FUNCTIONS[step.functionRef.name];
    if (!fn) {
      throw new RenderFailure(
        `pipeline step "${step.step}" calls the function ${step.functionRef.name}, which meshifi render cannot run: use crossplane render for this Composition.`,
      );
    }
    const before = desired;
    const stepContext = context;
    const rsp = await runStep(
      fn,
      step,
      () => ({
        meta: { tag: '', capabilities: [] },
        observed: {
          composite: { resource: json(xr), connectionDetails: {}, ready: 0 },
          resources: {},
        },
        desired: copyState(before),
        ...(step.input ? { input: json(step.input) } : {}),
        context: json(stepContext),
        extraResources: {},
        credentials: {},
        requiredResources: {},
        requiredSchemas: {},
      }),
      input.requiredResources,
    );
    const fatal = fatalOf(rsp);
    if (fatal) {
      throw new RenderFailure(fatal.message);
    }
    desired = copyState(rsp.desired ?? { composite: undefined, resources: {} });
    context = rsp.context ?? {};
  }
  const composed = Object.entries(desired.resources)
    .map(([name, r]) =>
      withComposedMetadata(r.resource as KubernetesObject, xr, name),
    )
    .sort((a, b) => {
      const [x, y] = [a, b].map(
        r => r.metadata.annotations![COMPOSITION_RESOURCE_NAME],
      );
      return x < y ? -1 : 1;
    });
  return { xr: renderedXr(xr, desired), composed };
}
