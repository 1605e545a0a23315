import { AccessGrantState, AccessGrantView } from '@meshifi/common';

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

/** The grant to show for a product's input, or none to ask for. */
export function inputGrantOf(
  grants: AccessGrantView[],
): AccessGrantView | undefined {
  return grants
    .filter(grant => STATES_BEST_FIRST.includes(grant.state))
    .sort(
      (a, b) =>
        STATES_BEST_FIRST.indexOf(a.state) - STATES_BEST_FIRST.indexOf(b.state),
    )[0];
}
