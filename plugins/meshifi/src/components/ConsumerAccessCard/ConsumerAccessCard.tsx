import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { InfoCard, Progress, WarningPanel } from '@backstage/core-components';
import { identityApiRef, useApi } from '@backstage/core-plugin-api';
import { EntityRefLink, useEntity } from '@backstage/plugin-catalog-react';
import {
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  Typography,
} from '@material-ui/core';
import { AccessGrantView } from '@meshifi/common';
import useAsync from 'react-use/esm/useAsync';
import { errorMessage } from '../../hooks/useProvisioning';
import {
  AccessStateChip,
  dayInWords,
  grantKey,
  layerInWords,
} from '../AccessCard';
import { useConsumerAccess } from './useConsumerAccess';
import { useProductEntities } from '../../hooks/useReadProducts';
import { GoingAwayNote } from '../LifecycleWarnings';

/** Whom the card speaks of: "you" on the signed-in user's own page. */
type Reader =
  | { kind: 'you' }
  | { kind: 'group' }
  | { kind: 'user'; name: string };

function useReader(entity: Entity): Reader {
  const identityApi = useApi(identityApiRef);
  const identity = useAsync(
    () => identityApi.getBackstageIdentity(),
    [identityApi],
  );
  if (entity.kind.toLocaleLowerCase('en-US') === 'group') {
    return { kind: 'group' };
  }
  return identity.value?.userEntityRef === stringifyEntityRef(entity)
    ? { kind: 'you' }
    : {
        kind: 'user',
        name: entity.metadata.title ?? entity.metadata.name,
      };
}

function titleFor(reader: Reader): string {
  switch (reader.kind) {
    case 'you':
      return 'Data products you can read';
    case 'group':
      return 'Data products this group can read';
    default:
      return `Data products ${reader.name} can read`;
  }
}

function nothingFor(reader: Reader): string {
  switch (reader.kind) {
    case 'you':
      return 'You cannot read any data product yet. To ask for one, open its page and choose Request access in its Access card.';
    case 'group':
      return 'No data product has been shared with this group yet. To ask for one, open its page and choose Request access in its Access card.';
    default:
      return `No data product has been shared with ${reader.name} yet.`;
  }
}

function GrantsTable(props: { label: string; grants: AccessGrantView[] }) {
  // Whether a product read is going away, from its catalog entity.
  const products = useProductEntities(props.grants.map(g => g.product));
  return (
    <Table size="small" aria-label={props.label}>
      <TableHead>
        <TableRow>
          <TableCell>Data product</TableCell>
          <TableCell>Layer</TableCell>
          <TableCell>Until</TableCell>
          <TableCell>State</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {props.grants.map(grant => (
          <TableRow key={grantKey(grant)} data-testid="consumer-access-row">
            <TableCell>
              <EntityRefLink
                entityRef={grant.product}
                defaultKind="dataproduct"
              />
              <GoingAwayNote product={products.byRef.get(grant.product)} />
            </TableCell>
            <TableCell>{layerInWords(grant.layer)}</TableCell>
            <TableCell>{dayInWords(grant.expires)}</TableCell>
            <TableCell>
              <AccessStateChip grant={grant} />
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}

/**
 * On a user's or a group's page: the data products they may read, which
 * layer, until when, and in which state their access is.
 */
export function ConsumerAccessCard() {
  const { entity } = useEntity();
  const reader = useReader(entity);
  const access = useConsumerAccess(entity);
  const title = titleFor(reader);

  if (access.error) {
    return (
      <InfoCard title={title}>
        <WarningPanel
          defaultExpanded
          severity="error"
          title="What can be read could not be found out just now"
          message={errorMessage(access.error)}
        />
      </InfoCard>
    );
  }
  if (!access.value) {
    return (
      <InfoCard title={title}>
        <Progress />
      </InfoCard>
    );
  }
  return (
    <InfoCard title={title}>
      {access.value.grants.length === 0 ? (
        <Typography variant="body1">{nothingFor(reader)}</Typography>
      ) : (
        <GrantsTable label={title} grants={access.value.grants} />
      )}
    </InfoCard>
  );
}
