import {
  DEFAULT_NAMESPACE,
  Entity,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { WarningPanel } from '@backstage/core-components';
import { EntityRefLink, useEntity } from '@backstage/plugin-catalog-react';
import { Box, Typography } from '@material-ui/core';
import { InputPort } from '@meshifi/common';
import { ReadProducts, useReadProducts } from '../../hooks/useReadProducts';
import {
  inputPortsOf,
  readProductRef,
} from '../DataContractContent/productPorts';
import { lastDaySentence } from './lifecycleInWords';
import { lifecycleOf, ProductLifecycle } from './productLifecycle';

function productRefOf(name: string): string {
  return stringifyEntityRef({
    kind: 'DataProduct',
    namespace: DEFAULT_NAMESPACE,
    name,
  });
}

/** What replaces a product, as a link to its page, or why it goes. */
function Instead(props: { lifecycle: ProductLifecycle; action: string }) {
  const { deprecation } = props.lifecycle;
  if (deprecation?.replacedBy) {
    return (
      <>
        {' '}
        It is replaced by{' '}
        <EntityRefLink
          entityRef={productRefOf(deprecation.replacedBy)}
          defaultKind="dataproduct"
        />
        : {props.action}
      </>
    );
  }
  return deprecation?.reason ? <> Why: {deprecation.reason}</> : null;
}

/** On a deprecated, retired or proposed product's own page: what it means. */
function OwnStatus(props: { lifecycle: ProductLifecycle }) {
  const { lifecycle } = props;
  switch (lifecycle.status) {
    case 'deprecated':
    case 'retired':
      return (
        <WarningPanel
          defaultExpanded
          severity="warning"
          title={`This data product is ${lifecycle.status}`}
          message={
            <Typography variant="body2" component="span">
              {lastDaySentence(lifecycle)}
              <Instead
                lifecycle={lifecycle}
                action="move what reads this product to it."
              />
            </Typography>
          }
        />
      );
    case 'proposed':
      return (
        <WarningPanel
          defaultExpanded
          severity="info"
          title="This data product is proposed"
          message="It is being built: its tables may still change, and it is not meant for others to read yet."
        />
      );
    default:
      return null;
  }
}

/** An input whose product goes away, and what to read instead. */
interface EndingInput {
  input: InputPort;
  product: Entity;
  lifecycle: ProductLifecycle;
}

function endingInputsOf(entity: Entity, products: ReadProducts): EndingInput[] {
  return inputPortsOf(entity).flatMap(input => {
    const product = products.byRef.get(readProductRef(input));
    const lifecycle = product && lifecycleOf(product);
    return lifecycle &&
      (lifecycle.status === 'deprecated' || lifecycle.status === 'retired')
      ? [{ input, product, lifecycle }]
      : [];
  });
}

/** On a product that reads deprecated or retired products: which, until when, and what instead. */
function EndingInputs(props: { endings: EndingInput[] }) {
  const { endings } = props;
  return (
    <WarningPanel
      defaultExpanded
      severity="warning"
      title={
        endings.length === 1
          ? 'An input of this product is going away'
          : `${endings.length} inputs of this product are going away`
      }
      message={
        <>
          {endings.map(({ input, product, lifecycle }) => (
            <Typography
              key={`${input.product}/${input.port}`}
              variant="body2"
              component="span"
              display="block"
              gutterBottom
              data-testid="ending-input"
            >
              It reads the table {input.port} of{' '}
              <EntityRefLink entityRef={product} defaultKind="dataproduct" />,
              which is {lifecycle.status}. {lastDaySentence(lifecycle)}
              <Instead
                lifecycle={lifecycle}
                action="change this product to read from it instead."
              />
            </Typography>
          ))}
        </>
      }
    />
  );
}

/**
 * The warnings of a product's life, on its page: its own status when it is
 * not simply active (deprecated, with its last day and what replaces it;
 * retired; proposed), and the products it reads that are deprecated or
 * retired. Nothing when there is nothing to say.
 */
export function LifecycleWarningsView(props: {
  entity: Entity;
  readProducts: ReadProducts;
}) {
  const lifecycle = lifecycleOf(props.entity);
  const endings = endingInputsOf(props.entity, props.readProducts);
  if (lifecycle.status === 'active' && endings.length === 0) {
    return null;
  }
  return (
    <Box display="flex" flexDirection="column" style={{ gap: 16 }}>
      {lifecycle.status !== 'active' && (
        <section aria-label="Status of this data product">
          <OwnStatus lifecycle={lifecycle} />
        </section>
      )}
      {endings.length > 0 && (
        <section aria-label="Inputs going away">
          <EndingInputs endings={endings} />
        </section>
      )}
    </Box>
  );
}

/** {@link LifecycleWarningsView} for the page's entity, reading the products it reads. */
export function LifecycleWarnings() {
  const { entity } = useEntity();
  const readProducts = useReadProducts(entity);
  return <LifecycleWarningsView entity={entity} readProducts={readProducts} />;
}
