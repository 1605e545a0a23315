import { KubernetesObject } from '@meshifi/common';
import fc from 'fast-check';
import { applyFailureAfter, withApplyFailure } from './steadyApplyFailure';

const REVISION_1 = 'main@sha1:1111111111111111111111111111111111111111';
const REVISION_2 = 'main@sha1:2222222222222222222222222222222222222222';

const broken = {
  type: 'Ready',
  status: 'False',
  reason: 'BuildFailed',
  message:
    'kustomize build failed: failed to decode Kubernetes YAML from /tmp/kustomization-1/domains/sales/products/broken.yaml: MalformedYAMLError',
};

/** A Kustomization as kustomize-controller v1.9.6 leaves it at each step. */
function kustomization(
  ready: { status: string; reason: string; message?: string },
  lastAttemptedRevision?: string,
): KubernetesObject {
  return {
    apiVersion: 'kustomize.toolkit.fluxcd.io/v1',
    kind: 'Kustomization',
    metadata: { name: 'meshifi-products-sales', namespace: 'flux-system' },
    status: {
      conditions: [
        {
          type: 'Reconciling',
          status: 'True',
          reason: 'Progressing',
          message: 'Fetching manifests',
        },
        { type: 'Ready', ...ready },
      ],
      ...(lastAttemptedRevision && { lastAttemptedRevision }),
    },
  };
}

const failed = (revision = REVISION_1) => kustomization(broken, revision);
const retrying = (revision = REVISION_1) =>
  kustomization(
    {
      status: 'Unknown',
      reason: 'Progressing',
      message: 'Reconciliation in progress',
    },
    revision,
  );
const applied = (revision = REVISION_2) =>
  kustomization(
    {
      status: 'True',
      reason: 'ReconciliationSucceeded',
      message: `Applied revision: ${revision}`,
    },
    revision,
  );

/** What a page reads after Flux went through the steps, one after the other. */
function readAfter(steps: KubernetesObject[]) {
  let remembered;
  let last: KubernetesObject | undefined;
  for (const step of steps) {
    remembered = applyFailureAfter(step, remembered);
    last = withApplyFailure(step, remembered);
  }
  return (last?.status as any).conditions.find((c: any) => c.type === 'Ready');
}

/**
 * What a page should read, walking back from the last step: Flux's own word
 * when it has one (True or False); during an attempt, the failure Flux last
 * wrote of this same revision, unless it applied since.
 */
function expectedReady(steps: KubernetesObject[]) {
  const readyAt = (i: number) => (steps[i].status as any).conditions[1];
  const revisionAt = (i: number) =>
    (steps[i].status as any).lastAttemptedRevision;
  const last = steps.length - 1;
  if (readyAt(last).status !== 'Unknown') {
    return readyAt(last);
  }
  for (let i = last - 1; i >= 0; i--) {
    if (revisionAt(i) !== revisionAt(last) || readyAt(i).status === 'True') {
      break;
    }
    if (readyAt(i).status === 'False') {
      return readyAt(i);
    }
  }
  return readyAt(last);
}

describe('steadyApplyFailure', () => {
  it('keeps the failure of a revision while Flux retries it', () => {
    expect(readAfter([failed(), retrying()])).toEqual(broken);
    expect(readAfter([failed(), retrying(), failed(), retrying()])).toEqual(
      broken,
    );
  });

  it('keeps the other conditions as Flux wrote them', () => {
    let remembered = applyFailureAfter(failed(), undefined);
    remembered = applyFailureAfter(retrying(), remembered);
    const read = withApplyFailure(retrying(), remembered);
    expect((read.status as any).conditions).toEqual([
      expect.objectContaining({ type: 'Reconciling', status: 'True' }),
      broken,
    ]);
    expect((read.status as any).lastAttemptedRevision).toBe(REVISION_1);
  });

  it('lets go once the revision applies, or another revision is tried', () => {
    expect(readAfter([failed(), retrying(), applied()]).status).toBe('True');
    expect(readAfter([failed(), retrying(REVISION_2)]).status).toBe('Unknown');
    expect(readAfter([failed(), applied(), retrying()]).status).toBe('Unknown');
  });

  it('changes nothing of a Kustomization that never failed', () => {
    const fresh = retrying(undefined);
    expect(withApplyFailure(fresh, applyFailureAfter(fresh, undefined))).toBe(
      fresh,
    );
  });

  it('shows Ready False only as Flux last wrote it for the revision being read (property)', () => {
    const step = fc.oneof(
      fc.constantFrom(REVISION_1, REVISION_2).map(r => failed(r)),
      fc.constantFrom(REVISION_1, REVISION_2).map(r => retrying(r)),
      fc.constantFrom(REVISION_1, REVISION_2).map(r => applied(r)),
    );
    fc.assert(
      fc.property(fc.array(step, { minLength: 1, maxLength: 12 }), steps => {
        expect(readAfter(steps)).toEqual(expectedReady(steps));
      }),
      { numRuns: 3000 },
    );
  });
});
