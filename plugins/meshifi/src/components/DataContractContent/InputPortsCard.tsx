import {
  DEFAULT_NAMESPACE,
  Entity,
  parseEntityRef,
  RELATION_PROVIDES_API,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { InfoCard } from '@backstage/core-components';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import {
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  Typography,
} from '@material-ui/core';
import { InputPort, outputPortEntityName } from '@meshifi/common';
import { errorMessage } from '../../hooks/useProvisioning';
import { ReadProducts } from '../../hooks/useReadProducts';
import { lifecycleOf, productStatusInWords } from '../LifecycleWarnings';
import { InputAccess } from './InputAccess';
import { readProductRef } from './productPorts';

/**
 * The catalog's API entity of the table an input reads: the one the read
 * product provides under the port's entity name, else where the catalog
 * module puts it, beside the product.
 */
function tableApiRef(port: InputPort, product: Entity | undefined): string {
  const name = outputPortEntityName(port.product, port.port);
  const provided = product?.relations?.find(
    relation =>
      relation.type === RELATION_PROVIDES_API &&
      parseEntityRef(relation.targetRef).name ===
        name.toLocaleLowerCase('en-US'),
  );
  return (
    provided?.targetRef ??
    stringifyEntityRef({
      kind: 'API',
      namespace: product?.metadata.namespace ?? DEFAULT_NAMESPACE,
      name,
    })
  );
}

/** What the access column says of a product whose entity the page lacks. */
function withoutEntity(readProducts: ReadProducts): string {
  if (readProducts.loading) {
    return 'Checking…';
  }
  return readProducts.error
    ? `Could not be checked just now: ${errorMessage(readProducts.error)}`
    : 'Cannot be checked: the product is not in the catalog';
}

/**
 * The Inputs section of the Contract tab: each table of another product
 * this product reads, with links to that product and to the table's entry
 * in the catalog, and whether this product may read it.
 */
export function InputPortsCard(props: {
  entity: Entity;
  inputs: InputPort[];
  readProducts: ReadProducts;
}) {
  const { entity, inputs, readProducts } = props;
  const consumerRef = stringifyEntityRef(entity);
  return (
    <InfoCard
      title="Inputs"
      titleTypographyProps={{ component: 'h3' }}
      subheader="The tables of other data products this product reads."
    >
      {inputs.length === 0 ? (
        <Typography variant="body2" color="textSecondary">
          This product reads no table of another data product. Its owners name
          the tables it builds on under inputPorts in its manifest, so that
          everyone sees where its data comes from.
        </Typography>
      ) : (
        <Table size="small" aria-label="Inputs">
          <TableHead>
            <TableRow>
              <TableCell>Data product</TableCell>
              <TableCell>Table</TableCell>
              <TableCell>May this product read it?</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {inputs.map(input => {
              const productRef = readProductRef(input);
              const product = readProducts.byRef.get(productRef);
              const status = product && lifecycleOf(product).status;
              return (
                <TableRow
                  key={`${input.product}/${input.port}`}
                  data-testid="input-port"
                >
                  <TableCell>
                    <EntityRefLink
                      entityRef={product ?? productRef}
                      defaultKind="dataproduct"
                    />
                    {status && status !== 'active' && (
                      <Typography
                        variant="caption"
                        color="textSecondary"
                        component="div"
                      >
                        {productStatusInWords(status)}
                      </Typography>
                    )}
                    {!product &&
                      !readProducts.loading &&
                      !readProducts.error && (
                        <Typography
                          variant="caption"
                          color="textSecondary"
                          component="div"
                        >
                          Not in the catalog: the product may have been removed
                          or renamed
                        </Typography>
                      )}
                  </TableCell>
                  <TableCell>
                    <EntityRefLink entityRef={tableApiRef(input, product)}>
                      {input.port}
                    </EntityRefLink>
                  </TableCell>
                  <TableCell>
                    {product ? (
                      <InputAccess
                        product={product}
                        consumerRef={consumerRef}
                      />
                    ) : (
                      <Typography variant="body2" color="textSecondary">
                        {withoutEntity(readProducts)}
                      </Typography>
                    )}
                  </TableCell>
                </TableRow>
              );
            })}
          </TableBody>
        </Table>
      )}
    </InfoCard>
  );
}
