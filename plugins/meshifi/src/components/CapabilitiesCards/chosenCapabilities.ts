import { Entity } from '@backstage/catalog-model';

/**
 * The entity's `spec.capabilities` when it is an object. The catalog checks
 * no more than that for an entity written by hand, so nothing else is
 * assumed of it.
 */
export function chosenCapabilitiesOf(entity: Entity): Record<string, unknown> {
  const chosen = (entity.spec as { capabilities?: unknown } | undefined)
    ?.capabilities;
  return chosen && typeof chosen === 'object' && !Array.isArray(chosen)
    ? (chosen as Record<string, unknown>)
    : {};
}

/** Whether the product's fragment turns a capability on. */
export const turnsOn = (fragment: unknown) =>
  fragment !== undefined && fragment !== null;

/**
 * Whether a product's page may have capability cards: it is a data product
 * and names any capability. Read from the entity alone, without the list of
 * capabilities, so that the page's filter loads none of their code.
 */
export function mayHaveCapabilities(entity: Entity): boolean {
  return (
    entity.kind.toLocaleLowerCase('en-US') === 'dataproduct' &&
    Object.values(chosenCapabilitiesOf(entity)).some(turnsOn)
  );
}
