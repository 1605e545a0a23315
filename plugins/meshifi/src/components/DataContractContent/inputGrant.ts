import { AccessGrantState, AccessGrantView } from '@meshifi/common';

/**
 * Output ports are tables of the curated dataset: a grant on another layer
 * does not let a product read them.
 */
const OUTPUT_PORT_LAYER = 'curated';

/**
 * The grants that say something about whether a product may read, best
 * first: one that lets it read now, then one on its way, then one that
 * failed and needs the owners. Ended and declined grants let it read nothing
 * and are not shown: the product then has no grant, and may ask again.
 */
const STATES_BEST_FIRST: AccessGrantState[] = [
  'active',
  'expiring',
  'being-granted',
  'awaiting-approval',
  'failed',
];

/**
 * Among the grants of a product it reads (its Access card's report), the one
 * to show for the reader `consumerRef`: given to the reader itself (its
 * service account, picked as the product) on the curated layer; none when
 * the reader has yet to ask.
 */
export function inputGrantOf(
  grants: AccessGrantView[],
  consumerRef: string,
): AccessGrantView | undefined {
  return grants
    .filter(
      grant =>
        grant.consumer.entityRef?.toLocaleLowerCase('en-US') === consumerRef &&
        grant.layer === OUTPUT_PORT_LAYER &&
        STATES_BEST_FIRST.includes(grant.state),
    )
    .sort(
      (a, b) =>
        STATES_BEST_FIRST.indexOf(a.state) - STATES_BEST_FIRST.indexOf(b.state),
    )[0];
}
