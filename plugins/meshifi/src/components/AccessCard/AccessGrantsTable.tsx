import { EntityRefLink } from '@backstage/plugin-catalog-react';
import {
  Box,
  Button,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  Typography,
} from '@material-ui/core';
import { AccessGrantView } from '@meshifi/common';
import { ReactNode } from 'react';
import {
  consumerKindInWords,
  dateInWords,
  dayInWords,
  layerInWords,
} from './accessInWords';
import { AccessStateChip } from './AccessStateChip';

/** A row's key: its request, or the grant when it came from Git directly. */
export const grantKey = (grant: AccessGrantView) =>
  grant.requestId ?? grant.grantName;

function Caption(props: { children: ReactNode }) {
  return (
    <Typography variant="caption" color="textSecondary" component="div">
      {props.children}
    </Typography>
  );
}

function Who(props: { grant: AccessGrantView }) {
  const { consumer } = props.grant;
  return (
    <>
      {consumer.entityRef ? (
        <EntityRefLink entityRef={consumer.entityRef} defaultKind="user" />
      ) : (
        consumer.email
      )}
      <Caption>
        {consumerKindInWords(consumer)}
        {consumer.entityRef ? ` · ${consumer.email}` : ''}
      </Caption>
    </>
  );
}

function AskedBy(props: { grant: AccessGrantView }) {
  const { requestedBy, requestedAt } = props.grant;
  if (!requestedBy) {
    return <Caption>Added in the GitOps repository</Caption>;
  }
  return (
    <>
      <EntityRefLink entityRef={requestedBy} defaultKind="user" />
      {requestedAt && <Caption>{dateInWords(requestedAt)}</Caption>}
    </>
  );
}

function DecisionButtons(props: {
  busy: boolean;
  onApprove: () => void;
  onDecline: () => void;
}) {
  return (
    <Box display="flex" style={{ gap: 8 }}>
      <Button
        size="small"
        variant="contained"
        color="primary"
        disabled={props.busy}
        onClick={props.onApprove}
      >
        Approve
      </Button>
      <Button
        size="small"
        variant="outlined"
        disabled={props.busy}
        onClick={props.onDecline}
      >
        Decline
      </Button>
    </Box>
  );
}

/**
 * Every grant of a product and every request for one: who reads which
 * layer, since and until when, why, in which state, and who asked; with
 * Approve and Decline on the requests the user decides on.
 */
export function AccessGrantsTable(props: {
  grants: AccessGrantView[];
  /** Whether a decision is under way: every button waits for it. */
  busy: boolean;
  onApprove: (requestId: string) => void;
  onDecline: (grant: AccessGrantView) => void;
}) {
  const { grants, busy, onApprove, onDecline } = props;
  const decides = grants.some(g => g.mayDecide && g.requestId);
  return (
    <Table size="small" aria-label="Who has access">
      <TableHead>
        <TableRow>
          <TableCell>Who</TableCell>
          <TableCell>Layer</TableCell>
          <TableCell>Since</TableCell>
          <TableCell>Until</TableCell>
          <TableCell>Purpose</TableCell>
          <TableCell>State</TableCell>
          <TableCell>Asked by</TableCell>
          {decides && <TableCell>Your decision</TableCell>}
        </TableRow>
      </TableHead>
      <TableBody>
        {grants.map(grant => {
          const requestId = grant.mayDecide ? grant.requestId : undefined;
          return (
            <TableRow key={grantKey(grant)} data-testid="access-row">
              <TableCell>
                <Who grant={grant} />
              </TableCell>
              <TableCell>{layerInWords(grant.layer)}</TableCell>
              <TableCell>
                {grant.since ? dateInWords(grant.since) : '—'}
              </TableCell>
              <TableCell>{dayInWords(grant.expires)}</TableCell>
              <TableCell style={{ overflowWrap: 'anywhere' }}>
                {grant.purpose}
              </TableCell>
              <TableCell>
                <AccessStateChip grant={grant} />
              </TableCell>
              <TableCell>
                <AskedBy grant={grant} />
              </TableCell>
              {decides && (
                <TableCell>
                  {requestId && (
                    <DecisionButtons
                      busy={busy}
                      onApprove={() => onApprove(requestId)}
                      onDecline={() => onDecline(grant)}
                    />
                  )}
                </TableCell>
              )}
            </TableRow>
          );
        })}
      </TableBody>
    </Table>
  );
}
