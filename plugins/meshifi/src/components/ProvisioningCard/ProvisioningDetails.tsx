import { Link } from '@backstage/core-components';
import {
  Box,
  List,
  ListItem,
  ListItemText,
  makeStyles,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  Typography,
} from '@material-ui/core';
import {
  bigQueryConsoleUrl,
  explainProviderFailure,
  ProvisionedResource,
  ProvisioningReport,
  resourcePurpose,
  serviceAccountConsoleUrl,
} from '@meshifi/common';
import { ReactNode } from 'react';
import { EventsThatMatterList, ExplainedFailure } from '../Explained';
import { accessInWords, memberName } from './accessInWords';
import { ResourceState } from './StateIndicator';

/*
 * Dataset ids, emails and provider messages are long words: they wrap
 * anywhere rather than run out of the card. Headers and short values (layer,
 * location, a resource's state) keep their words whole: Backstage's table
 * cells break words anywhere (word-break: break-word), which splits a
 * squeezed header mid-word, so the id column takes the squeeze instead.
 */
const useStyles = makeStyles({
  details: { overflowWrap: 'anywhere' },
  whole: { wordBreak: 'normal', overflowWrap: 'normal', whiteSpace: 'nowrap' },
  idCell: { minWidth: '5em' },
  // The state wraps between its words; a problem under it, anywhere.
  stateCell: { wordBreak: 'normal' },
  stateWords: { overflowWrap: 'normal' },
  state: { flexShrink: 0, whiteSpace: 'nowrap' },
  // Backstage cuts dense list items to one line; ours wrap instead.
  listText: { whiteSpace: 'normal' },
});

const IAM_ROLES_OF_RESOURCES = [
  'dataset-writer',
  'job-user',
  'owner-impersonation',
];

function Section(props: { title: string; children: ReactNode }) {
  return (
    <Box mt={2}>
      <Typography variant="subtitle2" component="h3" gutterBottom>
        {props.title}
      </Typography>
      {props.children}
    </Box>
  );
}

/** Which events a report shows: those that matter to the owner, or all. */
export type EventsShown = 'matter' | 'all';

/** A resource's failure, explained; the provider's words behind Details. */
export function Problem(props: { resource: ProvisionedResource }) {
  const { problem, details } = props.resource;
  return problem ? (
    <Box color="error.main">
      <ExplainedFailure
        failure={explainProviderFailure(problem.message, {
          what: resourcePurpose({ ...props.resource, member: details.member }),
          project: details.project,
          location: details.location,
          member: details.member,
        })}
      />
    </Box>
  ) : null;
}

function Datasets(props: { datasets: ProvisionedResource[] }) {
  const classes = useStyles();
  return (
    <Section title="BigQuery datasets">
      <Table size="small" aria-label="BigQuery datasets">
        <TableHead>
          <TableRow>
            <TableCell className={classes.whole}>Layer</TableCell>
            <TableCell className={classes.whole}>Dataset</TableCell>
            <TableCell className={classes.whole}>Location</TableCell>
            <TableCell className={classes.whole}>State</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {props.datasets.map(dataset => {
            const { project, datasetId, location } = dataset.details;
            return (
              <TableRow key={dataset.name}>
                <TableCell className={classes.whole}>
                  {dataset.layer ?? ''}
                </TableCell>
                <TableCell className={classes.idCell}>
                  {project && datasetId && dataset.ready ? (
                    <Link to={bigQueryConsoleUrl(project, datasetId)}>
                      {datasetId}
                    </Link>
                  ) : (
                    datasetId ?? dataset.name
                  )}
                </TableCell>
                <TableCell className={classes.whole}>
                  {location ?? ''}
                </TableCell>
                <TableCell className={classes.stateCell}>
                  <span className={classes.stateWords}>
                    <ResourceState
                      ready={dataset.ready}
                      problem={dataset.problem?.message}
                    />
                  </span>
                  <Problem resource={dataset} />
                </TableCell>
              </TableRow>
            );
          })}
        </TableBody>
      </Table>
    </Section>
  );
}

function ServiceAccount(props: { account: ProvisionedResource }) {
  const classes = useStyles();
  const { account } = props;
  const { email, project } = account.details;
  return (
    <Section title="Service account">
      <Box display="flex" alignItems="center" style={{ gap: 16 }}>
        <Typography variant="body2">
          {email && project && account.ready ? (
            <Link to={serviceAccountConsoleUrl(project, email)}>{email}</Link>
          ) : (
            email ?? account.externalName ?? account.name
          )}
        </Typography>
        <Box className={classes.state}>
          <ResourceState
            ready={account.ready}
            problem={account.problem?.message}
          />
        </Box>
      </Box>
      <Problem resource={account} />
    </Section>
  );
}

function Access(props: { bindings: ProvisionedResource[] }) {
  const classes = useStyles();
  return (
    <Section title="Who can do what">
      <List dense disablePadding aria-label="Who can do what">
        {props.bindings.map(binding => (
          <ListItem key={binding.name} disableGutters>
            <ListItemText
              className={classes.listText}
              primary={`${memberName(binding.details.member)} ${accessInWords(
                binding,
              )}`}
              secondary={binding.problem && <Problem resource={binding} />}
              secondaryTypographyProps={{ component: 'div' }}
            />
            <Box className={classes.state}>
              <ResourceState
                ready={binding.ready}
                problem={binding.problem?.message}
              />
            </Box>
          </ListItem>
        ))}
      </List>
    </Section>
  );
}

function Pending(props: { report: ProvisioningReport }) {
  const classes = useStyles();
  return (
    <Section title="Not created yet">
      <List dense disablePadding aria-label="Not created yet">
        {props.report.missing.map(resource => (
          <ListItem key={resource.key} disableGutters>
            <ListItemText
              className={classes.listText}
              primary={resource.summary}
            />
          </ListItem>
        ))}
      </List>
    </Section>
  );
}

/** Every event, as Kubernetes has it: for engineers, on the tab. */
function AllEvents(props: { report: ProvisioningReport }) {
  const classes = useStyles();
  return (
    <Section title="Recent events">
      <List dense disablePadding aria-label="Recent events">
        {props.report.events.map((event, i) => (
          <ListItem key={i} disableGutters>
            <ListItemText
              className={classes.listText}
              primary={`${event.type === 'Warning' ? '⚠ ' : ''}${
                event.reason ?? ''
              }: ${event.message ?? ''}`}
              secondary={`${event.kind} ${event.name}${
                event.count > 1 ? ` · ${event.count} times` : ''
              }${
                event.lastSeen
                  ? ` · ${new Date(event.lastSeen).toLocaleString()}`
                  : ''
              }`}
            />
          </ListItem>
        ))}
      </List>
    </Section>
  );
}

/** The resources of a report, grouped the way an analyst thinks of them. */
export function ProvisioningDetails(props: {
  report: ProvisioningReport;
  events: EventsShown;
}) {
  const classes = useStyles();
  const { report } = props;
  const datasets = report.resources.filter(r => r.role === 'dataset');
  const account = report.resources.find(r => r.role === 'service-account');
  const bindings = report.resources.filter(r =>
    IAM_ROLES_OF_RESOURCES.includes(r.role ?? ''),
  );
  return (
    <Box className={classes.details}>
      {datasets.length > 0 && <Datasets datasets={datasets} />}
      {account && <ServiceAccount account={account} />}
      {bindings.length > 0 && <Access bindings={bindings} />}
      {report.missing.length > 0 && <Pending report={report} />}
      {props.events === 'all' ? (
        report.events.length > 0 && <AllEvents report={report} />
      ) : (
        <Section title="News">
          <EventsThatMatterList report={report} />
        </Section>
      )}
    </Box>
  );
}
