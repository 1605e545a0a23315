import { InfoCard, StructuredMetadataTable } from '@backstage/core-components';
import { useEntity } from '@backstage/plugin-catalog-react';
import { makeStyles } from '@material-ui/core';
import { DataProductEntity } from '@meshifi/common';

/*
 * Backstage's Links card (EntityLinksCard) sets each link in a grid column
 * and lets a title without spaces, such as "BigQuery: <dataset id>" or
 * "Service account: <email>", run into the next column. While a data
 * product's page shows, links in such grids wrap anywhere instead: only
 * ids and emails too long for their column ever need it.
 */
const useStyles = makeStyles({
  '@global': {
    '.bui-Card .bui-Grid a': { overflowWrap: 'anywhere' },
  },
});

/** What an analyst first wants to know about a data product. */
export function DataProductOverviewCard() {
  useStyles();
  const { entity } = useEntity();
  const { spec } = entity as unknown as DataProductEntity;
  return (
    <InfoCard title="Data product">
      <StructuredMetadataTable
        metadata={{
          domain: spec.domain ?? 'none',
          version: spec.version ?? 'not set',
          lifecycle: spec.lifecycle,
          owners: spec.owners ?? [],
          datasets: (spec.datasets ?? []).map(
            d => `${d.datasetId} (${d.layer})`,
          ),
          'service account': spec.serviceAccountId,
        }}
      />
    </InfoCard>
  );
}
