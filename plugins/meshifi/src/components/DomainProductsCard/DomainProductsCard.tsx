import {
  InfoCard,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useEntity } from '@backstage/plugin-catalog-react';
import { Typography } from '@material-ui/core';
import { useMemo } from 'react';
import {
  entityRefOf,
  groupByDomain,
  ProductsTable,
  useProductStates,
} from '../DataMesh';
import { useDomainProducts } from './useDomainProducts';

const TITLE = 'Data products';

/**
 * On a data domain's page: the domain's data products with their owners and
 * live states, as the home page lists them.
 */
export function DomainProductsCard() {
  const { entity } = useEntity();
  const products = useDomainProducts(entity);
  const sorted = useMemo(
    () => groupByDomain(products.value ?? [], [entity])[0]?.products ?? [],
    [products.value, entity],
  );
  const states = useProductStates(
    useMemo(() => sorted.map(entityRefOf), [sorted]),
  );
  const title = entity.metadata.title ?? entity.metadata.name;

  if (products.error) {
    return (
      <InfoCard title={TITLE}>
        <ResponseErrorPanel error={products.error} />
      </InfoCard>
    );
  }
  if (!products.value) {
    return (
      <InfoCard title={TITLE}>
        <Progress />
      </InfoCard>
    );
  }
  return (
    <InfoCard title={TITLE}>
      {sorted.length === 0 ? (
        <Typography variant="body1">
          {title} has no data products yet. Create one from the home page and
          pick {title} as its domain.
        </Typography>
      ) : (
        <ProductsTable
          label={`Data products of ${title}`}
          products={sorted}
          states={states}
        />
      )}
    </InfoCard>
  );
}
