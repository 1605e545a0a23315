import { InfoCard, StructuredMetadataTable } from '@backstage/core-components';
import { useEntity } from '@backstage/plugin-catalog-react';

type DataProductSpec = {
  info?: { name?: string; version?: string };
  access?: { owners?: string[] };
};

/** What an analyst first wants to know about a data product. */
export function DataProductOverviewCard() {
  const { entity } = useEntity();
  const spec = (entity.spec ?? {}) as DataProductSpec;
  return (
    <InfoCard title="Data product">
      <StructuredMetadataTable
        metadata={{
          name: spec.info?.name ?? entity.metadata.name,
          version: spec.info?.version ?? 'not set',
          owners: spec.access?.owners ?? [],
        }}
      />
    </InfoCard>
  );
}
