import { Progress, WarningPanel } from '@backstage/core-components';
import { FieldExtensionComponentProps } from '@backstage/plugin-scaffolder-react';
import List from '@material-ui/core/List';
import ListItem from '@material-ui/core/ListItem';
import ListItemText from '@material-ui/core/ListItemText';
import ListSubheader from '@material-ui/core/ListSubheader';
import Typography from '@material-ui/core/Typography';
import { CAPABILITIES, ComposedResource, LABELS } from '@meshifi/common';
import {
  DataProductFormData,
  usePlannedResources,
} from './usePlannedResources';

type Group = {
  key: string;
  title: string;
  has: (resource: ComposedResource) => boolean;
};

const byRole = (role: string, title: string): Group => ({
  key: role,
  title,
  has: resource => resource.role === role,
});

/** The core's resources by role, then each capability's under its title. */
const GROUPS: Group[] = [
  byRole('dataset', 'BigQuery datasets'),
  byRole('table', 'Tables others may read, with their contracts'),
  byRole('service-account', 'A service account that writes the data'),
  byRole('dataset-writer', 'Write access to the datasets'),
  byRole('job-user', 'Query rights in the project'),
  byRole('owner-impersonation', 'Who may act as the service account'),
  ...CAPABILITIES.map(capability => ({
    key: `capability-${capability.name}`,
    title: capability.title,
    has: (resource: ComposedResource) =>
      resource.resource.metadata.labels?.[LABELS.capability] ===
      capability.name,
  })),
];

/**
 * The review of what will be created in Google Cloud, in words an analyst
 * understands, as the backend plans it from the answers of the previous
 * steps. Someone outside the domain's team is told so here, before pressing
 * Create.
 */
export function DataProductPlanField(
  props: FieldExtensionComponentProps<string>,
) {
  const data = (props.formContext?.formData ?? {}) as DataProductFormData;
  const { loading, error, value } = usePlannedResources(data);
  if (loading) {
    return <Progress />;
  }
  if (error || !value) {
    return (
      <WarningPanel
        defaultExpanded
        title="The plan cannot be shown"
        message={error?.message ?? 'meshifi gave no plan. Try again.'}
      />
    );
  }
  const { plan, mayCreate, message, contractProblems } = value;
  if (contractProblems.length > 0) {
    return (
      <WarningPanel
        severity="error"
        defaultExpanded
        title="The data contract cannot be read"
        message={contractProblems.join(' ')}
      />
    );
  }
  if (!mayCreate) {
    return (
      <WarningPanel
        severity="error"
        defaultExpanded
        title="You cannot create data products in this domain"
        message={message}
      />
    );
  }
  const errors = plan.problems.filter(p => p.severity === 'error');
  if (errors.length > 0) {
    return (
      <WarningPanel
        defaultExpanded
        title="The answers so far cannot be provisioned"
        message={errors.map(p => p.message).join(' ')}
      />
    );
  }
  const warnings = plan.problems.filter(p => p.severity === 'warning');
  return (
    <>
      {warnings.length > 0 && (
        <WarningPanel
          severity="warning"
          defaultExpanded
          title="Check before you create"
          message={warnings.map(p => p.message).join(' ')}
        />
      )}
      <Typography variant="body1">
        When you press Create, meshifi asks for these {plan.resources.length}{' '}
        resources in Google Cloud
        {plan.resources.some(r => r.role === 'capability')
          ? " and on the platform's cluster"
          : ''}
        . Nothing is created before.
      </Typography>
      <Typography variant="body1" data-testid="plan-placement">
        They go to the project {plan.project}; the service account{' '}
        {plan.serviceAccountEmail} writes the data.
      </Typography>
      <List dense aria-label="Planned resources">
        {GROUPS.map(group => {
          const items = plan.resources.filter(group.has);
          return items.length === 0 ? null : (
            <li key={group.key}>
              <ul style={{ padding: 0 }}>
                <ListSubheader disableSticky>{group.title}</ListSubheader>
                {items.map(item => (
                  <ListItem key={item.key}>
                    <ListItemText primary={item.summary} />
                  </ListItem>
                ))}
              </ul>
            </li>
          );
        })}
      </List>
    </>
  );
}
