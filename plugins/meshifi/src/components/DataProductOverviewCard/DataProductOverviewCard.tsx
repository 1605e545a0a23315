import { InfoCard, StructuredMetadataTable } from '@backstage/core-components';
import { useEntity } from '@backstage/plugin-catalog-react';
import { DataProductEntity } from '@meshifi/common';

/** What an analyst first wants to know about a data product. */
export function DataProductOverviewCard() {
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
