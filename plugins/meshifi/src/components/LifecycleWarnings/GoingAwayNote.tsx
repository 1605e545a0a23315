import { Entity } from '@backstage/catalog-model';
import { Typography } from '@material-ui/core';
import { Deprecation } from '@meshifi/common';
import { lastDaySentence } from './lifecycleInWords';
import { lifecycleOf } from './productLifecycle';

/** What to read instead of a product going away, or why it goes. */
function insteadOf(deprecation?: Deprecation): string {
  if (deprecation?.replacedBy) {
    return ` Move to ${deprecation.replacedBy}, which replaces it.`;
  }
  return deprecation?.reason ? ` Why: ${deprecation.reason}` : '';
}

/**
 * Under a product someone reads (on a consumer's page): that it is going
 * away, until when, and what replaces it or why. Nothing for a product that
 * stays, or whose entity the catalog did not give.
 */
export function GoingAwayNote(props: { product?: Entity }) {
  if (!props.product) {
    return null;
  }
  const lifecycle = lifecycleOf(props.product);
  if (lifecycle.status !== 'deprecated' && lifecycle.status !== 'retired') {
    return null;
  }
  const instead = insteadOf(lifecycle.deprecation);
  return (
    <Typography
      variant="caption"
      color="error"
      display="block"
      data-testid="going-away"
    >
      {lifecycle.status === 'deprecated' ? 'Deprecated.' : 'Retired.'}{' '}
      {lastDaySentence(lifecycle)}
      {instead}
    </Typography>
  );
}
