import fc from 'fast-check';
import { compose } from '../compose/compose';
import { dataProductManifest } from '../model/manifests';
import { Condition, KubernetesObject } from '../model/types';
import { conditionOf, conditionsOf, isReady } from './conditions';
import {
  crossplaneConditions,
  withConditions,
} from './__testUtils__/conditions';
import { deriveStatus, ProductStatus } from './deriveStatus';
import { describeResource } from './describeResource';

const product = dataProductManifest({
  info: { name: 'orders', version: '0.1.0' },
  access: { owners: ['ana@example.com', 'bo@example.com'] },
});
const expected = compose(product, { project: 'meshifi-demo', location: 'EU' });

/** Any condition Crossplane or an upjet provider may write, and some it should not. */
const condition: fc.Arbitrary<Condition> = fc.record(
  {
    type: fc.constantFrom('Synced', 'Ready', 'LastAsyncOperation'),
    status: fc.constantFrom('True', 'False', 'Unknown'),
    reason: fc.constantFrom(
      'ReconcileSuccess',
      'ReconcileError',
      'Available',
      'Creating',
      'Deleting',
      'Unavailable',
      'AsyncCreateFailure',
      '',
    ),
    message: fc.string({ maxLength: 20 }),
  },
  { requiredKeys: ['type', 'status'] },
);

const { creating, ready, synced } = crossplaneConditions;

/** At most one condition of each type, as on a real object. */
const anyConditions = fc.uniqueArray(condition, { selector: c => c.type });

/**
 * Mostly the states a resource passes through (none yet, creating, ready),
 * so that products are often healthy; any conditions the rest of the time.
 */
const conditions = fc.oneof(
  {
    weight: 3,
    arbitrary: fc.constantFrom<Condition[]>(
      [],
      [synced, creating],
      [synced, ready],
    ),
  },
  { weight: 1, arbitrary: anyConditions },
);

/** The XR, and some of the expected resources in any order, each in any state. */
const anyCluster = fc.record({
  xr: conditions.map(list => withConditions(product, ...list)),
  composed: fc
    .shuffledSubarray(expected)
    .chain(present =>
      fc.tuple(
        ...present.map(e =>
          conditions.map(list => withConditions(e.resource, ...list)),
        ),
      ),
    ),
});

/**
 * Every expected resource ready, but for at most one that is missing or in
 * any state, and an XR that is ready or in any state: products at and near
 * ready, which anyCluster seldom makes.
 */
const nearlyReadyCluster = fc
  .record({
    xr: fc.oneof(fc.constant<Condition[]>([synced, ready]), anyConditions),
    odd: fc.nat({ max: expected.length - 1 }),
    oddOne: fc.oneof(
      fc.constant<'ready'>('ready'),
      fc.constant<'missing'>('missing'),
      anyConditions,
    ),
  })
  .map(({ xr, odd, oddOne }) => ({
    xr: withConditions(product, ...xr),
    composed: expected.flatMap((e, index) => {
      if (index !== odd || oddOne === 'ready') {
        return [withConditions(e.resource, synced, ready)];
      }
      return oddOne === 'missing'
        ? []
        : [withConditions(e.resource, ...oddOne)];
    }),
  }));

const cluster = fc.oneof(anyCluster, nearlyReadyCluster);

const xrCannotCompose = (xr: KubernetesObject) =>
  conditionOf(xr, 'Synced')?.status === 'False';

/** Checks deriveStatus's answer for any cluster. */
const forAnyCluster = (
  check: (
    status: ProductStatus,
    cluster: { xr: KubernetesObject; composed: KubernetesObject[] },
  ) => void,
) =>
  fc.assert(
    fc.property(cluster, input =>
      check(deriveStatus(input.xr, input.composed, expected), input),
    ),
  );

describe('deriveStatus, for any XR and resources', () => {
  it('describes each resource the cluster has once, with what compose() says it is for', () => {
    forAnyCluster((status, { composed }) => {
      expect(status.resources).toEqual(
        composed.map(object =>
          describeResource(
            object,
            expected.find(
              e => e.resource.metadata.name === object.metadata.name,
            ),
          ),
        ),
      );
      expect(status.resources.length + status.missing.length).toBe(
        expected.length,
      );
    });
  });

  it('is ready exactly when the XR and every expected resource are ready and nothing fails', () => {
    forAnyCluster(({ state, resources, missing }, { xr }) => {
      const allWell =
        !xrCannotCompose(xr) &&
        isReady(xr) &&
        missing.length === 0 &&
        resources.every(r => r.ready && !r.problem);
      expect(state === 'ready').toBe(allWell);
    });
  });

  it('is failed or degraded exactly when something has a problem, failed when nothing works', () => {
    forAnyCluster(({ state, resources }, { xr }) => {
      const failing = resources.filter(r => r.problem);
      const someProblem = xrCannotCompose(xr) || failing.length > 0;
      const nothingWorks =
        xrCannotCompose(xr) ||
        (failing.length > 0 && failing.length === resources.length);
      expect(['failed', 'degraded'].includes(state)).toBe(someProblem);
      expect(state === 'failed').toBe(nothingWorks);
    });
  });

  it('names the first failing resource and its problem in the reason', () => {
    forAnyCluster(({ reason, resources }, { xr }) => {
      const first = resources.find(r => r.problem);
      const ending =
        first && !xrCannotCompose(xr)
          ? `failing. ${first.kind} ${first.name}: ${first.problem!.message}`
          : '';
      expect(reason.endsWith(ending)).toBe(true);
    });
  });

  it('counts the ready resources among all expected while provisioning, and is pending only before anything happened', () => {
    forAnyCluster(({ state, reason, resources }, { xr, composed }) => {
      const readyCount = resources.filter(r => r.ready).length;
      const counted = `Creating resources in Google Cloud: ${readyCount} of ${expected.length} ready.`;
      // Only a provisioning product's reason counts; others say other things.
      expect(state === 'provisioning' ? reason : counted).toBe(counted);
      const untouched = composed.length === 0 && conditionsOf(xr).length === 0;
      expect(state === 'pending').toBe(untouched);
    });
  });
});
