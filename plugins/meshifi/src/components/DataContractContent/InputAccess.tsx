import { Entity } from '@backstage/catalog-model';
import { Link } from '@backstage/core-components';
import { Typography } from '@material-ui/core';
import { useProductAccess } from '../../hooks/useProductAccess';
import { errorMessage } from '../../hooks/useProvisioning';
import { AccessStateChip } from '../AccessCard';
import { useRequestAccessLink } from '../AccessCard/useRequestAccessLink';
import { inputGrantOf } from './inputGrant';

/**
 * Whether the reader may read a product it names as an input, from that
 * product's access report, kept current as its Access card is: the state
 * of the reader's grant, or the way to ask for one.
 */
export function InputAccess(props: { product: Entity; consumerRef: string }) {
  const { product, consumerRef } = props;
  const { report, error } = useProductAccess(product);
  const requestLink = useRequestAccessLink(product, consumerRef);
  if (!report) {
    return (
      <Typography variant="body2" color="textSecondary">
        {error
          ? `Could not be checked just now: ${errorMessage(error)}`
          : 'Checking…'}
      </Typography>
    );
  }
  const grant = inputGrantOf(report.grants, consumerRef);
  if (!grant) {
    return (
      <Typography variant="body2">
        No access grant yet: <Link to={requestLink}>request access</Link>
      </Typography>
    );
  }
  return (
    <>
      <AccessStateChip grant={grant} />
      <Typography variant="caption" color="textSecondary" component="div">
        {grant.stateText}
      </Typography>
    </>
  );
}
