import { explainProviderFailure, GCP_KINDS } from '@meshifi/common';
import { desiredState } from './desiredState';
import { FAIL_ANNOTATION } from './failures';
import { ManagedResource } from './managedKinds';
import { NAMED_FAILURES } from './namedFailures';

const dataset = (fail: string): ManagedResource => ({
  ...GCP_KINDS.dataset,
  metadata: {
    name: 'orders-raw',
    namespace: 'sales',
    generation: 1,
    annotations: {
      'crossplane.io/external-name': 'orders_raw',
      [FAIL_ANNOTATION]: fail,
    },
  },
  spec: {
    forProvider: {
      project: 'acme-sales-data',
      location: 'EU',
      datasetId: 'orders_raw',
    },
  },
});

/** The Synced condition's message, as the product page reads it. */
const syncedMessage = (resource: ManagedResource) =>
  (
    desiredState(GCP_KINDS.dataset, resource, new Date()).status
      .conditions as Array<{ type: string; message?: string }>
  ).find(c => c.type === 'Synced')?.message ?? '';

describe('named failures', () => {
  it('knows every failure meshifi explains', () => {
    expect([...NAMED_FAILURES].sort()).toEqual(
      [
        'already-exists',
        'api-disabled',
        'billing-disabled',
        'invalid-location',
        'location-not-allowed',
        'member-not-allowed',
        'permission-denied',
        'quota-exceeded',
        'rate-limited',
        'service-account-recreated',
      ].sort(),
    );
  });

  it.each(NAMED_FAILURES)(
    'writes %s as the provider would, and meshifi explains it as such',
    name => {
      const message = syncedMessage(dataset(name));
      expect(message).toMatch(
        /^create failed: async create failed: failed to create the resource: \[\{0 Error creating Dataset: googleapi: Error \d{3}: /,
      );
      expect(
        explainProviderFailure(message, { what: 'the raw dataset' }).id,
      ).toBe(name);
    },
  );

  it('passes any other text through as Google’s message', () => {
    const message = syncedMessage(dataset('googleapi: Error 500: backend'));
    expect(message).toContain(
      'Error creating Dataset: googleapi: Error 500: backend',
    );
  });
});
