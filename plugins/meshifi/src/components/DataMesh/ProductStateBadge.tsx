import {
  StatusAborted,
  StatusError,
  StatusOK,
  StatusPending,
  StatusRunning,
} from '@backstage/core-components';
import { Tooltip } from '@material-ui/core';
import { ProductStateSummary, ProvisioningState } from '@meshifi/common';
import { ReactNode } from 'react';

type Badge = {
  label: string;
  Icon: (props: { children?: ReactNode }) => JSX.Element;
};

const UNKNOWN: Badge = { label: 'Unknown', Icon: StatusAborted };

/**
 * The home page's coarse states: what an analyst needs from a list, with
 * the detail (the reason) on hover and on the product's page. Any other
 * state (no cluster to read, the platform still starting) is "Unknown".
 */
const BADGES: Partial<Record<ProvisioningState, Badge>> = {
  ready: { label: 'Ready', Icon: StatusOK },
  pending: { label: 'Being created', Icon: StatusRunning },
  provisioning: { label: 'Being created', Icon: StatusRunning },
  degraded: { label: 'Failing', Icon: StatusError },
  failed: { label: 'Failing', Icon: StatusError },
  'not-in-cluster': { label: 'Not in the cluster yet', Icon: StatusPending },
};

const UNKNOWN_REASON =
  'meshifi could not tell the state of this product just now. Open it for details.';

/**
 * A product's state as a badge; "Unknown" when there is no answer for it
 * (the states request failed, or the product is not readable).
 */
export function ProductStateBadge(props: { summary?: ProductStateSummary }) {
  const { summary } = props;
  const { label, Icon } = (summary && BADGES[summary.state]) || UNKNOWN;
  return (
    <Tooltip title={summary?.reason ?? UNKNOWN_REASON}>
      <span data-testid="product-state">
        <Icon>{label}</Icon>
      </span>
    </Tooltip>
  );
}
