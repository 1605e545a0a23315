import { StatusPending } from '@backstage/core-components';
import { Box, Typography } from '@material-ui/core';
import { ProvisioningState } from '@meshifi/common';
import { Provisioning } from '../../hooks/useProvisioning';
import { Problem } from '../ProvisioningCard/ProvisioningDetails';
import {
  ResourceState,
  StateIndicator,
} from '../ProvisioningCard/StateIndicator';
import { portTableOf } from './portTable';

/**
 * The states in which a report speaks of no resource at all: the product's
 * own state then says why its table is not there either.
 */
const STATES_WITHOUT_RESOURCES: ProvisioningState[] = [
  'not-in-cluster',
  'unreachable',
  'platform-starting',
  'no-platform',
];

/**
 * Whether the port's table exists in BigQuery, from the live provisioning
 * report, in the Provisioning card's words: Ready, Being created, Failing
 * (explained), Not created yet.
 */
export function PortTableState(props: {
  provisioning: Provisioning;
  productXrName: string;
  port: string;
}) {
  const { report, error, forbidden } = props.provisioning;
  if (forbidden) {
    return (
      <Typography variant="body2" color="textSecondary">
        Not shown: you may not see what was provisioned for this product
      </Typography>
    );
  }
  if (!report) {
    return (
      <Typography variant="body2" color="textSecondary">
        {error ? 'Could not be checked just now' : 'Checking…'}
      </Typography>
    );
  }
  const table = portTableOf(report, props.productXrName, props.port);
  switch (table.found) {
    case 'created':
      return (
        <Box>
          <ResourceState
            ready={table.resource.ready}
            problem={table.resource.problem?.message}
          />
          <Problem resource={table.resource} />
        </Box>
      );
    case 'missing':
      return <StatusPending>Not created yet</StatusPending>;
    default:
      return STATES_WITHOUT_RESOURCES.includes(report.state) ? (
        <StateIndicator state={report.state} />
      ) : (
        <StatusPending>Not created yet</StatusPending>
      );
  }
}
