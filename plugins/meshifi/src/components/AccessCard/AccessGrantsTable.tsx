import { EntityRefLink } from '@backstage/plugin-catalog-react';
import {
  Box,
  Button,
  makeStyles,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  Typography,
} from '@material-ui/core';
import { AccessGrantView } from '@meshifi/common';
import { Fragment, ReactNode } from 'react';
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

const useStyles = makeStyles(theme => ({
  // The card sits in the page's main column, about 650 pixels wide: less
  // padding between columns leaves the words their room.
  cell: {
    verticalAlign: 'top',
    paddingRight: theme.spacing(1),
  },
  noWrap: {
    whiteSpace: 'nowrap',
  },
  // Purposes are free text and may hold a long URL.
  purpose: {
    overflowWrap: 'anywhere',
  },
}));

function Caption(props: { children: ReactNode }) {
  return (
    <Typography variant="caption" color="textSecondary" component="div">
      {props.children}
    </Typography>
  );
}

/**
 * An email that may wrap after its @ and before its dots only, since a
 * service account's address is wider than the column and breaking it
 * anywhere else makes it hard to read.
 */
function Email(props: { address: string }) {
  const parts = props.address.split(/(?<=@)|(?=\.)/);
  return (
    <>
      {parts.map((part, index) => (
        <Fragment key={index}>
          {index > 0 && <wbr />}
          {part}
        </Fragment>
      ))}
    </>
  );
}

function AskedBy(props: { grant: AccessGrantView }) {
  const { requestedBy, requestedAt } = props.grant;
  if (!requestedBy) {
    return <Caption>Added in the GitOps repository</Caption>;
  }
  return (
    <Caption>
      Asked by <EntityRefLink entityRef={requestedBy} defaultKind="user" />
      {requestedAt && ` on ${dateInWords(requestedAt)}`}
    </Caption>
  );
}

/** Who reads, what kind of reader that is, and who asked for it when. */
function Who(props: { grant: AccessGrantView }) {
  const { consumer } = props.grant;
  return (
    <>
      <div>
        {consumer.entityRef ? (
          <EntityRefLink entityRef={consumer.entityRef} defaultKind="user" />
        ) : (
          <Email address={consumer.email} />
        )}
      </div>
      <Caption>
        {consumerKindInWords(consumer)}
        {consumer.entityRef && (
          <>
            {' · '}
            <Email address={consumer.email} />
          </>
        )}
      </Caption>
      <AskedBy grant={props.grant} />
    </>
  );
}

/**
 * Since and until when, "2 December 2026 – 1 January 2027", or "until 1
 * January 2027" before access is given; it wraps between the days only.
 */
function Period(props: { grant: AccessGrantView }) {
  const classes = useStyles();
  const { since, expires } = props.grant;
  const until = <span className={classes.noWrap}>{dayInWords(expires)}</span>;
  if (!since) {
    return <>until {until}</>;
  }
  return (
    <>
      <span className={classes.noWrap}>{dateInWords(since)}&nbsp;–</span>{' '}
      {until}
    </>
  );
}

function DecisionButtons(props: {
  busy: boolean;
  onApprove: () => void;
  onDecline: () => void;
}) {
  return (
    <Box display="flex" flexWrap="wrap" mt={1} style={{ gap: 8 }}>
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
 * layer, for which period, why, in which state, and who asked; with
 * Approve and Decline under the state of the requests the user decides on.
 */
export function AccessGrantsTable(props: {
  grants: AccessGrantView[];
  /** Whether a decision is under way: every button waits for it. */
  busy: boolean;
  onApprove: (requestId: string) => void;
  onDecline: (grant: AccessGrantView) => void;
}) {
  const { grants, busy, onApprove, onDecline } = props;
  const classes = useStyles();
  return (
    <Table size="small" aria-label="Who has access">
      <TableHead>
        <TableRow>
          {['Who', 'Layer', 'Period', 'Purpose', 'State'].map(column => (
            <TableCell key={column} className={classes.cell}>
              {column}
            </TableCell>
          ))}
        </TableRow>
      </TableHead>
      <TableBody>
        {grants.map(grant => {
          const requestId = grant.mayDecide ? grant.requestId : undefined;
          return (
            <TableRow key={grantKey(grant)} data-testid="access-row">
              <TableCell className={classes.cell}>
                <Who grant={grant} />
              </TableCell>
              <TableCell className={`${classes.cell} ${classes.noWrap}`}>
                {layerInWords(grant.layer)}
              </TableCell>
              <TableCell className={classes.cell}>
                <Period grant={grant} />
              </TableCell>
              <TableCell className={`${classes.cell} ${classes.purpose}`}>
                {grant.purpose}
              </TableCell>
              <TableCell className={classes.cell}>
                <AccessStateChip grant={grant} />
                {requestId && (
                  <DecisionButtons
                    busy={busy}
                    onApprove={() => onApprove(requestId)}
                    onDecline={() => onDecline(grant)}
                  />
                )}
              </TableCell>
            </TableRow>
          );
        })}
      </TableBody>
    </Table>
  );
}
