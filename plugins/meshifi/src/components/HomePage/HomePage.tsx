import { Entity } from '@backstage/catalog-model';
import {
  Content,
  EmptyState,
  Header,
  LinkButton,
  Page,
  Progress,
  ResponseErrorPanel,
  WarningPanel,
} from '@backstage/core-components';
import { identityApiRef, useApi } from '@backstage/core-plugin-api';
import { useRouteRef } from '@backstage/frontend-plugin-api';
import {
  Box,
  FormControlLabel,
  Grid,
  Switch,
  TextField,
} from '@material-ui/core';
import { useMemo, useState } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { errorMessage } from '../../hooks/useProvisioning';
import { createFromTemplateRouteRef } from '../../routes';
import {
  DomainGroupCard,
  entityRefOf,
  groupByDomain,
  isOwnedBy,
  matchesSearch,
  useProductStates,
} from '../DataMesh';
import { useDataMesh } from '../DataMesh/useDataMesh';

/** The template "Create a data product" opens (templates/data-product). */
export const DATA_PRODUCT_TEMPLATE = {
  namespace: 'default',
  templateName: 'data-product',
};

const CREATE_LABEL = 'Create a data product';

function CreateButton(props: { to?: string }) {
  return props.to ? (
    <LinkButton to={props.to} variant="contained" color="primary">
      {CREATE_LABEL}
    </LinkButton>
  ) : null;
}

/**
 * The landing page after sign-in: the data products the user may read,
 * grouped by domain, with their owners and states, a search box, a "My data
 * products" filter and the way to create one. Shown by the new frontend
 * system's page at `/`.
 */
export function HomePage() {
  const createRoute = useRouteRef(createFromTemplateRouteRef);
  return <HomePageView createLink={createRoute?.(DATA_PRODUCT_TEMPLATE)} />;
}

/** The home page, given where "Create a data product" leads. */
export function HomePageView(props: { createLink?: string }) {
  const { createLink } = props;
  return (
    <Page themeId="home">
      <Header
        title="Data products"
        subtitle="Every data product of the mesh you may see, by domain"
      >
        <CreateButton to={createLink} />
      </Header>
      <Content>
        <DataProducts createLink={createLink} />
      </Content>
    </Page>
  );
}

function DataProducts(props: { createLink?: string }) {
  const mesh = useDataMesh();
  const identityApi = useApi(identityApiRef);
  const identity = useAsync(
    () => identityApi.getBackstageIdentity(),
    [identityApi],
  );
  const [search, setSearch] = useState('');
  const [onlyMine, setOnlyMine] = useState(false);

  const products = mesh.value?.products;
  const productRefs = useMemo(
    () => (products ?? []).map(entityRefOf),
    [products],
  );
  const states = useProductStates(productRefs);

  const ownership = identity.value?.ownershipEntityRefs;
  const shown = useMemo(
    () =>
      (products ?? []).filter(
        (p: Entity) =>
          matchesSearch(p, search) &&
          (!onlyMine || isOwnedBy(p, ownership ?? [])),
      ),
    [products, search, onlyMine, ownership],
  );
  const groups = useMemo(
    () => groupByDomain(shown, mesh.value?.domains ?? []),
    [shown, mesh.value?.domains],
  );

  if (mesh.loading && !mesh.value) {
    return <Progress />;
  }
  if (mesh.error) {
    return <ResponseErrorPanel error={mesh.error} />;
  }
  if (!products || products.length === 0) {
    return (
      <EmptyState
        missing="data"
        title="No data products yet"
        description="A data product gives you BigQuery datasets for your raw, cleaned and curated data, and a service account that writes to them. Create the first one: it takes a name and a few clicks."
        action={<CreateButton to={props.createLink} />}
      />
    );
  }

  return (
    <>
      <Box mb={2}>
        <Grid
          container
          spacing={2}
          alignItems="center"
          justifyContent="flex-end"
        >
          <Grid item>
            <TextField
              id="meshifi-data-product-search"
              type="search"
              variant="outlined"
              size="small"
              label="Search data products"
              placeholder="Name, title or description"
              value={search}
              onChange={e => setSearch(e.target.value)}
            />
          </Grid>
          <Grid item>
            <FormControlLabel
              control={
                <Switch
                  color="primary"
                  checked={onlyMine}
                  onChange={e => setOnlyMine(e.target.checked)}
                  disabled={!identity.value}
                />
              }
              label="My data products"
            />
          </Grid>
        </Grid>
      </Box>
      {states.error && (
        <WarningPanel
          defaultExpanded
          title="The states could not be read just now; they show as Unknown"
          message={errorMessage(states.error)}
        />
      )}
      {groups.length === 0 ? (
        <NothingShown
          onlyMine={onlyMine}
          search={search}
          createLink={props.createLink}
        />
      ) : (
        <Grid container spacing={3}>
          {groups.map(group => (
            <Grid item xs={12} key={group.domainRef ?? ''}>
              <DomainGroupCard
                title={group.title}
                domain={group.domain}
                products={group.products}
                states={states}
              />
            </Grid>
          ))}
        </Grid>
      )}
    </>
  );
}

function NothingShown(props: {
  onlyMine: boolean;
  search: string;
  createLink?: string;
}) {
  const { onlyMine, search, createLink } = props;
  if (onlyMine && !search.trim()) {
    return (
      <EmptyState
        missing="data"
        title="You own no data products yet"
        description="Products you or one of your teams own show here. Create one, or switch off My data products to see them all."
        action={<CreateButton to={createLink} />}
      />
    );
  }
  return (
    <EmptyState
      missing="data"
      title={`No data product matches "${search.trim()}"`}
      description={
        onlyMine
          ? 'Only your data products are searched: switch off My data products to search them all.'
          : 'The search looks in the names, titles and descriptions of the data products.'
      }
      action={<CreateButton to={createLink} />}
    />
  );
}
