import { Entity } from '@backstage/catalog-model';
import { createExtensionTester } from '@backstage/frontend-test-utils';
import { EntityCardBlueprint } from '@backstage/plugin-catalog-react/alpha';
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
