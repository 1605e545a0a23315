import { getCompoundEntityRef } from '@backstage/catalog-model';
import { useApi } from '@backstage/core-plugin-api';
import { useEntity } from '@backstage/plugin-catalog-react';
import { Box, Grid, Typography } from '@material-ui/core';
import { productXrOf } from '@meshifi/common';
import { useMemo } from 'react';
import { meshifiApiRef } from '../../api';
import { useProvisioning } from '../../hooks/useProvisioning';
import { useReadProducts } from '../../hooks/useReadProducts';
import { LifecycleWarningsView } from '../LifecycleWarnings';
import { DownloadButton } from './DownloadButton';
import { InputPortsCard } from './InputPortsCard';
import { NoOutputPorts } from './NoOutputPorts';
import { OutputPortCard } from './OutputPortCard';
import { inputPortsOf, outputPortsOf } from './productPorts';

/**
 * The Contract tab of a data product: the warnings of its life, each table
 * it offers with its contract and its state in BigQuery, the tables of
 * other products it reads and whether it may, and the product's and each
 * contract's files in the open standards (ODPS, ODCS).
 */
export function DataContractContent() {
  const { entity } = useEntity();
  const api = useApi(meshifiApiRef);
  const provisioning = useProvisioning();
  const readProducts = useReadProducts(entity);
  const ref = useMemo(() => getCompoundEntityRef(entity), [entity]);
  const xrName = productXrOf(entity).name;
  const outputs = outputPortsOf(entity);
  const inputs = inputPortsOf(entity);
  const title = entity.metadata.title ?? entity.metadata.name;

  return (
    <Grid container spacing={3}>
      <Grid item xs={12}>
        <LifecycleWarningsView entity={entity} readProducts={readProducts} />
      </Grid>
      <Grid item xs={12}>
        <Box
          display="flex"
          alignItems="center"
          justifyContent="space-between"
          flexWrap="wrap"
          style={{ gap: 16 }}
        >
          <Box>
            <Typography variant="h5" component="h2">
              Contract
            </Typography>
            <Typography variant="body2" color="textSecondary">
              What the tables of {title} hold and what its owners promise about
              them.
            </Typography>
          </Box>
          <DownloadButton
            label="Download product (ODPS)"
            what={`the description of ${title}`}
            load={() => api.getProductFile(ref)}
          />
        </Box>
      </Grid>
      {outputs.length === 0 ? (
        <Grid item xs={12}>
          <NoOutputPorts />
        </Grid>
      ) : (
        outputs.map(port => (
          <Grid item xs={12} key={port.name}>
            <OutputPortCard
              port={port}
              productXrName={xrName}
              provisioning={provisioning}
              loadContract={() => api.getContractFile(ref, port.name)}
            />
          </Grid>
        ))
      )}
      <Grid item xs={12}>
        <InputPortsCard
          entity={entity}
          inputs={inputs}
          readProducts={readProducts}
        />
      </Grid>
    </Grid>
  );
}
