import { Entity } from '@backstage/catalog-model';
import { createExtensionTester } from '@backstage/frontend-test-utils';
import { coreExtensionData } from '@backstage/frontend-plugin-api';
import {
  EntityCardBlueprint,
  EntityContentBlueprint,
} from '@backstage/plugin-catalog-react/alpha';
import plugin from './alpha';

const entityOfKind = (kind: string): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind,
  metadata: { name: 'x' },
});

/** The kinds of entity whose page shows the card. */
function kindsShowing(cardId: Parameters<typeof plugin.getExtension>[0]) {
  const shows = createExtensionTester(plugin.getExtension(cardId)).get(
    EntityCardBlueprint.dataRefs.filterFunction,
  );
  return ['DataProduct', 'User', 'Group', 'Domain', 'Component'].filter(kind =>
    shows?.(entityOfKind(kind)),
  );
}

describe('the access cards of the new frontend system', () => {
  it("shows the Access card on data products' pages only", () => {
    expect(kindsShowing('entity-card:meshifi/access')).toEqual(['DataProduct']);
  });

  it("shows what a consumer may read on users' and groups' pages only", () => {
    expect(kindsShowing('entity-card:meshifi/consumer-access')).toEqual([
      'User',
      'Group',
    ]);
  });
});

describe('the contract and lifecycle extensions of the new frontend system', () => {
  const product = (spec: Record<string, unknown>): Entity => ({
    ...entityOfKind('DataProduct'),
    spec: spec as Entity['spec'],
  });

  it('shows the lifecycle warnings only where a product may have one', () => {
    const shows = createExtensionTester(
      plugin.getExtension('entity-card:meshifi/lifecycle-warnings'),
    ).get(EntityCardBlueprint.dataRefs.filterFunction);
    expect(kindsShowing('entity-card:meshifi/lifecycle-warnings')).toEqual([]);
    expect(shows?.(product({ status: 'deprecated' }))).toBe(true);
    expect(
      shows?.(product({ inputPorts: [{ product: 'a', port: 'b' }] })),
    ).toBe(true);
    expect(shows?.(product({ status: 'active', inputPorts: [] }))).toBe(false);
  });

  it('adds the Contract tab at /contract on data products', () => {
    const tester = createExtensionTester(
      plugin.getExtension('entity-content:meshifi/contract'),
    );
    expect(tester.get(EntityContentBlueprint.dataRefs.title)).toBe('Contract');
    expect(tester.get(coreExtensionData.routePath)).toBe('/contract');
    expect(tester.get(EntityContentBlueprint.dataRefs.filterExpression)).toBe(
      'kind:dataproduct',
    );
  });
});

describe('the capability cards of the new frontend system', () => {
  const product = (spec: Record<string, unknown>): Entity => ({
    ...entityOfKind('DataProduct'),
    spec: spec as Entity['spec'],
  });
  const shows = (entity: Entity) =>
    createExtensionTester(
      plugin.getExtension('entity-card:meshifi/capabilities'),
    ).get(EntityCardBlueprint.dataRefs.filterFunction)?.(entity);

  it('shows them on the page of a data product that turns any capability on, only', () => {
    expect(kindsShowing('entity-card:meshifi/capabilities')).toEqual([]);
    expect(
      shows(product({ capabilities: { dbt: { schedule: '0 6 * * *' } } })),
    ).toBe(true);
    for (const capabilities of [undefined, {}, { dbt: null }, 'dbt', ['dbt']]) {
      expect(shows(product({ capabilities }))).toBe(false);
    }
    expect(
      shows({
        ...entityOfKind('Component'),
        spec: { capabilities: { dbt: {} } },
      }),
    ).toBe(false);
  });
});
