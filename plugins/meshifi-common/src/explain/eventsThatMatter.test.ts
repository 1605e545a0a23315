import fc from 'fast-check';
import {
  ProvisionedResource,
  ProvisioningEvent,
} from '../status/provisioningReport';
import { eventsThatMatter } from './eventsThatMatter';

const resource = (
  overrides: Partial<ProvisionedResource> &
    Pick<ProvisionedResource, 'kind' | 'name'>,
): ProvisionedResource => ({
  apiVersion: 'bigquery.gcp.m.upbound.io/v1beta1',
  ready: true,
  synced: true,
  details: {},
  ...overrides,
});

const resources: ProvisionedResource[] = [
  resource({
    kind: 'Dataset',
    name: 'orders-raw',
    key: 'dataset-raw',
    role: 'dataset',
    layer: 'raw',
  }),
  resource({
    kind: 'DatasetIAMMember',
    name: 'orders-raw-writer',
    key: 'dataset-writer-raw',
    role: 'dataset-writer',
    layer: 'raw',
  }),
  resource({
    kind: 'ServiceAccountIAMMember',
    name: 'orders-ana',
    key: 'owner-ana',
    role: 'owner-impersonation',
    details: { member: 'user:ana@acme.example' },
  }),
];

const event = (
  overrides: Partial<ProvisioningEvent> = {},
): ProvisioningEvent => ({
  type: 'Normal',
  kind: 'DataProduct',
  name: 'orders',
  count: 1,
  lastSeen: '2026-12-01T10:00:00Z',
  ...overrides,
});

const progress = event({
  reason: 'ComposeResources',
  message: 'Composed resource "dataset-writer-raw" is not yet ready',
});
const bookkeeping = event({
  reason: 'SelectComposition',
  message: 'Selected composition revision: dataproducts.meshifi.io-e2d26ee',
});
const warning = event({
  type: 'Warning',
  kind: 'Dataset',
  name: 'orders-raw',
  reason: 'CannotCreateExternalResource',
  message: 'create failed: googleapi: Error 403, accessDenied',
  lastSeen: '2026-12-01T09:00:00Z',
});

describe('eventsThatMatter', () => {
  it('shows no progress and no bookkeeping once the product is no longer being created', () => {
    expect(
      eventsThatMatter([progress, bookkeeping], {
        inProgress: false,
        resources,
      }),
    ).toEqual([]);
  });

  it('shows progress while the product is being created, naming resources by purpose', () => {
    const [group] = eventsThatMatter([progress, bookkeeping], {
      inProgress: true,
      resources,
    });
    expect(group.message).toBe(
      "Composed resource the service account's right to write to the raw dataset is not yet ready",
    );
    expect(group.about).toEqual(['the data product']);
  });

  it('always shows warnings, first, with the resource they are about', () => {
    const groups = eventsThatMatter([progress, warning], {
      inProgress: true,
      resources,
    });
    expect(groups.map(g => g.type)).toEqual(['Warning', 'Normal']);
    expect(groups[0].about).toEqual(['the raw dataset']);
    expect(
      eventsThatMatter([warning], { inProgress: false, resources }),
    ).toHaveLength(1);
  });

  it('tells a warning Google Cloud caused in plain words, once for its repeats', () => {
    const groups = eventsThatMatter([warning, { ...warning, count: 4 }], {
      inProgress: false,
      resources,
    });
    expect(groups).toEqual([
      expect.objectContaining({
        message:
          "Google Cloud refused to create the raw dataset: meshifi's platform account lacks a permission.",
        count: 5,
      }),
    ]);
  });

  it('groups repeats, adding their counts and keeping the latest time', () => {
    const conflict = {
      ...warning,
      reason: 'CannotComposeResources',
      message: 'cannot apply composed resource: the object has been modified',
    };
    const groups = eventsThatMatter(
      [
        conflict,
        { ...conflict, count: 3, lastSeen: '2026-12-01T11:00:00Z' },
        { ...conflict, kind: 'DataProduct', name: 'orders', count: 2 },
      ],
      { inProgress: true, resources },
    );
    expect(groups).toEqual([
      {
        type: 'Warning',
        message: conflict.message,
        about: ['the raw dataset', 'the data product'],
        count: 6,
        lastSeen: '2026-12-01T11:00:00Z',
      },
    ]);
  });

  it('drops the prefix Kubernetes puts on events it folded together', () => {
    const [group] = eventsThatMatter(
      [
        event({
          reason: 'ComposeResources',
          message:
            '(combined from similar events): Composed resource "owner-ana" is not yet ready',
        }),
      ],
      { inProgress: true, resources },
    );
    expect(group.message).toBe(
      "Composed resource ana@acme.example's right to act as the service account is not yet ready",
    );
  });

  it('names an owner by their email', () => {
    const [group] = eventsThatMatter(
      [
        event({
          reason: 'ComposeResources',
          message: 'Composed resource "owner-ana" is not yet ready',
        }),
      ],
      { inProgress: true, resources },
    );
    expect(group.message).toContain(
      "ana@acme.example's right to act as the service account",
    );
  });

  const anyEvent = fc.record({
    type: fc.constantFrom('Normal', 'Warning', 'Other'),
    reason: fc.option(
      fc.constantFrom('ComposeResources', 'SelectComposition', 'Failed'),
      { nil: undefined },
    ),
    message: fc.option(fc.string({ maxLength: 60 }), { nil: undefined }),
    kind: fc.constantFrom('Dataset', 'DataProduct', 'DatasetIAMMember'),
    name: fc.constantFrom('orders-raw', 'orders', 'orders-raw-writer'),
    count: fc.integer({ min: 1, max: 50 }),
    lastSeen: fc.option(
      fc
        .date({
          min: new Date('2026-01-01'),
          max: new Date('2027-01-01'),
          noInvalidDate: true,
        })
        .map(d => d.toISOString()),
      { nil: undefined },
    ),
  });

  it('never invents events, never loses a warning, for any events', () => {
    fc.assert(
      fc.property(
        fc.array(anyEvent, { maxLength: 30 }),
        fc.boolean(),
        (events, inProgress) => {
          const groups = eventsThatMatter(events, {
            inProgress,
            resources,
          });
          const warnings = events.filter(
            e => e.type === 'Warning' && e.reason !== 'SelectComposition',
          );
          const shownWarnings = groups
            .filter(g => g.type === 'Warning')
            .reduce((sum, g) => sum + g.count, 0);
          expect(shownWarnings).toBe(
            warnings.reduce((sum, e) => sum + e.count, 0),
          );
          const total = groups.reduce((sum, g) => sum + g.count, 0);
          expect(total).toBeLessThanOrEqual(
            events.reduce((sum, e) => sum + e.count, 0),
          );
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('shows only warnings once the product is not being created, for any events', () => {
    fc.assert(
      fc.property(fc.array(anyEvent, { maxLength: 30 }), events => {
        const groups = eventsThatMatter(events, {
          inProgress: false,
          resources,
        });
        expect(groups.filter(g => g.type !== 'Warning')).toEqual([]);
      }),
      { numRuns: 2000 },
    );
  });
});
