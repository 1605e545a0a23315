import {
  ComposeResponse,
  Ready,
  RunFunctionRequest,
  RunFunctionResponse,
  to,
} from '@crossplane-org/function-sdk-typescript';
import { FUNCTION_NAMES, runFunction } from '@meshifi/crossplane-function';

/** A composition function run in this process: a request in, a response out. */
export type InProcessFunction = (
  req: RunFunctionRequest,
) => Promise<RunFunctionResponse>;

type Conditioned = {
  status?: { conditions?: { type?: string; status?: string }[] };
};

/**
 * function-auto-ready's rule for resources no function has an opinion on: a
 * desired resource is ready once its observed self has a Ready condition
 * that is True. (Its health checks of particular kinds and CEL rules look at
 * observed resources too; a render without observed resources, as
 * `meshifi render` is, leaves every readiness as the function set it.)
 */
const autoReady: InProcessFunction = async req => {
  const rsp = to(req);
  const observed = req.observed?.resources ?? {};
  for (const [name, desired] of Object.entries(rsp.desired?.resources ?? {})) {
    const seen = observed[name]?.resource as Conditioned | undefined;
    if (!seen || desired.ready !== Ready.READY_UNSPECIFIED) {
      continue;
    }
    const ready = seen.status?.conditions?.find(c => c.type === 'Ready');
    if (ready?.status === 'True') {
      desired.ready = Ready.READY_TRUE;
    }
  }
  return rsp;
};

/** The functions `meshifi render` runs in-process, by the name a Composition calls them. */
export const IN_PROCESS_FUNCTIONS: Record<string, InProcessFunction> = {
  [FUNCTION_NAMES.meshifi]: async req =>
    runFunction(req, to(req) as ComposeResponse, undefined),
  [FUNCTION_NAMES.autoReady]: autoReady,
};
