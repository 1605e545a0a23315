import { Entity } from '@backstage/catalog-model';
import { InfoCard } from '@backstage/core-components';
import { EntityRefLink, EntityRefLinks } from '@backstage/plugin-catalog-react';
import {
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  Typography,
} from '@material-ui/core';
import { ReactNode } from 'react';
import { entityRefOf, ownerRefsOf } from './dataMesh';
import { ProductStateBadge } from './ProductStateBadge';
import { ProductStates } from './useProductStates';

/** The products of one domain with their owners and states. */
export function ProductsTable(props: {
  label: string;
  products: Entity[];
  states: ProductStates;
}) {
  const { label, products, states } = props;
  return (
    <Table size="small" aria-label={label}>
      <TableHead>
        <TableRow>
          <TableCell>Data product</TableCell>
          <TableCell>Owners</TableCell>
          <TableCell>State</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {products.map(product => {
          const ref = entityRefOf(product);
          return (
            <TableRow key={ref} data-testid="data-product-row">
              <TableCell>
                <EntityRefLink
                  entityRef={product}
                  title={product.metadata.title ?? product.metadata.name}
                />
                <Typography
                  variant="caption"
                  color="textSecondary"
                  component="div"
                >
                  {product.metadata.name}
                </Typography>
              </TableCell>
              <TableCell>
                <EntityRefLinks
                  entityRefs={ownerRefsOf(product)}
                  defaultKind="group"
                />
              </TableCell>
              <TableCell>
                {states.loaded ? (
                  <ProductStateBadge summary={states.byRef.get(ref)} />
                ) : (
                  <Typography variant="body2" color="textSecondary">
                    Checking…
                  </Typography>
                )}
              </TableCell>
            </TableRow>
          );
        })}
      </TableBody>
    </Table>
  );
}

/**
 * One domain's card: its title (a link to the domain's page), its
 * description and its products; the home page and the domain's page share it.
 */
export function DomainGroupCard(props: {
  title: string;
  domain?: Entity;
  products: Entity[];
  states: ProductStates;
  action?: ReactNode;
}) {
  const { title, domain, products, states, action } = props;
  return (
    <InfoCard
      title={
        domain ? <EntityRefLink entityRef={domain} title={title} /> : title
      }
      subheader={domain?.metadata.description}
      action={action}
    >
      <ProductsTable
        label={`Data products of ${title}`}
        products={products}
        states={states}
      />
    </InfoCard>
  );
}
