import {
  Content,
  Header,
  Page,
  Progress,
  WarningPanel,
} from '@backstage/core-components';
import { useRouteRef } from '@backstage/core-plugin-api';
import { parseEntityRef } from '@backstage/catalog-model';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import Typography from '@material-ui/core/Typography';
import { useEffect } from 'react';
import { useNavigate, useSearchParams } from 'react-router-dom';
import { useEntityWhenReady } from './useEntityWhenReady';

/**
 * Where the Create page's "Open the data product" leads: "Getting ready"
 * until the new product is in the catalog, then its page. Without it, the
 * product's page would say "not found" for the second or two the catalog
 * takes to read the commit.
 */
export function GettingReadyPage() {
  const [search] = useSearchParams();
  const entityRef = search.get('entity') ?? '';
  return (
    <Page themeId="tool">
      <Header title="Getting ready" />
      <Content>
        {entityRef ? (
          <Waiting entityRef={entityRef} />
        ) : (
          <WarningPanel
            title="Nothing to open"
            message="This page opens a data product you just created: start from the Create page."
          />
        )}
      </Content>
    </Page>
  );
}

function Waiting(props: { entityRef: string }) {
  const readiness = useEntityWhenReady(props.entityRef);
  const entityRoute = useRouteRef(entityRouteRef);
  const navigate = useNavigate();
  const { kind, namespace, name } = parseEntityRef(props.entityRef);
  useEffect(() => {
    if (readiness === 'ready') {
      navigate(entityRoute({ kind, namespace, name }), { replace: true });
    }
  }, [readiness, navigate, entityRoute, kind, namespace, name]);
  if (readiness === 'late') {
    return (
      <WarningPanel
        defaultExpanded
        title="This takes longer than usual"
        message={`${name} is committed to the GitOps repository, but the catalog has not read it yet. Try this page again in a minute; if ${name} still is not there, tell your platform team.`}
      />
    );
  }
  return (
    <>
      <Typography variant="body1" paragraph>
        {name} is being added to the catalog. Its page opens as soon as it is
        there, usually within a second or two.
      </Typography>
      <Progress />
    </>
  );
}
