import { Link } from '@backstage/core-components';
import {
  Box,
  List,
  ListItem,
  ListItemText,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  Typography,
} from '@material-ui/core';
import {
  bigQueryConsoleUrl,
  ProvisionedResource,
  ProvisioningReport,
  serviceAccountConsoleUrl,
} from '@meshifi/common';
import { ReactNode } from 'react';
import { accessInWords, memberName } from './accessInWords';
import { ResourceState } from './StateIndicator';

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

function Problem(props: { resource: ProvisionedResource }) {
  const { problem } = props.resource;
  return problem ? (
    <Typography variant="body2" color="error">
      {problem.message}
    </Typography>
  ) : null;
}

function Datasets(props: { datasets: ProvisionedResource[] }) {
  return (
    <Section title="BigQuery datasets">
      <Table size="small" aria-label="BigQuery datasets">
        <TableHead>
          <TableRow>
            <TableCell>Layer</TableCell>
            <TableCell>Dataset</TableCell>
            <TableCell>Location</TableCell>
            <TableCell>State</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {props.datasets.map(dataset => {
            const { project, datasetId, location } = dataset.details;
            return (
              <TableRow key={dataset.name}>
                <TableCell>{dataset.layer ?? ''}</TableCell>
                <TableCell>
                  {project && datasetId && dataset.ready ? (
                    <Link to={bigQueryConsoleUrl(project, datasetId)}>
                      {datasetId}
                    </Link>
                  ) : (
                    datasetId ?? dataset.name
                  )}
                </TableCell>
                <TableCell>{location ?? ''}</TableCell>
                <TableCell>
                  <ResourceState
                    ready={dataset.ready}
                    problem={dataset.problem?.message}
                  />
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
        <ResourceState
          ready={account.ready}
          problem={account.problem?.message}
        />
      </Box>
      <Problem resource={account} />
    </Section>
  );
}

function Access(props: { bindings: ProvisionedResource[] }) {
  return (
    <Section title="Who can do what">
      <List dense disablePadding aria-label="Who can do what">
        {props.bindings.map(binding => (
          <ListItem key={binding.name} disableGutters>
            <ListItemText
              primary={`${memberName(binding.details.member)} ${accessInWords(
                binding,
              )}`}
              secondary={binding.problem?.message}
              secondaryTypographyProps={{ color: 'error' }}
            />
            <ResourceState
              ready={binding.ready}
              problem={binding.problem?.message}
            />
          </ListItem>
        ))}
      </List>
    </Section>
  );
}

function Pending(props: { report: ProvisioningReport }) {
  return (
    <Section title="Not created yet">
      <List dense disablePadding aria-label="Not created yet">
        {props.report.missing.map(resource => (
          <ListItem key={resource.key} disableGutters>
            <ListItemText primary={resource.summary} />
          </ListItem>
        ))}
      </List>
    </Section>
  );
}

function Events(props: { report: ProvisioningReport }) {
  return (
    <Section title="Recent events">
      <List dense disablePadding aria-label="Recent events">
        {props.report.events.map((event, i) => (
          <ListItem key={i} disableGutters>
            <ListItemText
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
export function ProvisioningDetails(props: { report: ProvisioningReport }) {
  const { report } = props;
  const datasets = report.resources.filter(r => r.role === 'dataset');
  const account = report.resources.find(r => r.role === 'service-account');
  const bindings = report.resources.filter(r =>
    IAM_ROLES_OF_RESOURCES.includes(r.role ?? ''),
  );
  return (
    <>
      {datasets.length > 0 && <Datasets datasets={datasets} />}
      {account && <ServiceAccount account={account} />}
      {bindings.length > 0 && <Access bindings={bindings} />}
      {report.missing.length > 0 && <Pending report={report} />}
      {report.events.length > 0 && <Events report={report} />}
    </>
  );
}
