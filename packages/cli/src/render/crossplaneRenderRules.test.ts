import { KubernetesObject } from '@meshifi/common';
import {
  firstNamesAndSomeMore,
  readyCondition,
  withComposedMetadata,
} from './crossplaneRenderRules';

describe("crossplane render's rules", () => {
  it.each([
    [[], ''],
    [['b'], 'b'],
    [['b', 'a'], 'a, b'],
    [['c', 'a', 'b'], 'a, b, and c'],
    [['e', 'd', 'c', 'b', 'a'], 'a, b, c, and 2 more'],
  ])('lists %j as "%s", sorted, as StableNAndSomeMore does', (names, said) => {
    expect(firstNamesAndSomeMore(names)).toBe(said);
  });

  it('makes the XR Available once nothing is unready, and when the pipeline says it is ready', () => {
    expect(readyCondition([], 'unspecified')).toEqual({
      type: 'Ready',
      status: 'True',
      reason: 'Available',
      lastTransitionTime: '2024-01-01T00:00:00Z',
    });
    expect(readyCondition(['a'], 'ready').reason).toBe('Available');
    expect(readyCondition([], 'unready')).not.toHaveProperty('message');
    expect(readyCondition(['x'], 'unspecified').message).toBe(
      'Unready resources: x',
    );
  });

  it('names a composed resource the function left unnamed after its XR, in the XR’s namespace', () => {
    const xr: KubernetesObject = {
      apiVersion: 'meshifi.io/v1alpha1',
      kind: 'DataProduct',
      metadata: { name: 'orders', namespace: 'sales', uid: 'u-1' },
    };
    const composed = withComposedMetadata(
      {
        apiVersion: 'v1',
        kind: 'ConfigMap',
        metadata: { namespace: 'elsewhere' } as KubernetesObject['metadata'],
      },
      xr,
      'settings',
    );
    expect(composed.metadata).toEqual({
      generateName: 'orders-',
      namespace: 'sales',
      annotations: { 'crossplane.io/composition-resource-name': 'settings' },
      labels: { 'crossplane.io/composite': 'orders' },
      ownerReferences: [
        {
          apiVersion: 'meshifi.io/v1alpha1',
          kind: 'DataProduct',
          name: 'orders',
          uid: 'u-1',
          controller: true,
          blockOwnerDeletion: true,
        },
      ],
    });
  });
});
