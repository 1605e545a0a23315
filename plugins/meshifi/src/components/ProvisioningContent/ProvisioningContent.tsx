import { Grid } from '@material-ui/core';
import { useEntity } from '@backstage/plugin-catalog-react';
import { useProvisioning } from '../../hooks/useProvisioning';
import { ProvisioningCardView } from '../ProvisioningCard/ProvisioningCard';
import { ProvisioningGraph } from './ProvisioningGraph';

/** The Provisioning tab: the card and the graph of product → resources. */
export function ProvisioningContent() {
  const { entity } = useEntity();
  const provisioning = useProvisioning();
  return (
    <Grid container spacing={3}>
      <Grid item xs={12}>
        <ProvisioningCardView provisioning={provisioning} events="all" />
      </Grid>
      {provisioning.report && (
        <Grid item xs={12}>
          <ProvisioningGraph
            productName={entity.metadata.title ?? entity.metadata.name}
            report={provisioning.report}
          />
        </Grid>
      )}
    </Grid>
  );
}
