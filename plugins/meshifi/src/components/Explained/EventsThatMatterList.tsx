import { List, ListItem, ListItemText, Typography } from '@material-ui/core';
import {
  eventsThatMatter,
  ProvisioningReport,
  ProvisioningState,
} from '@meshifi/common';

/** While the product is being created its progress is news; after, it is stale. */
const BEING_CREATED: ProvisioningState[] = ['pending', 'provisioning'];

/**
 * The events a product's owner should read: warnings, and progress while
 * the product is not ready, grouped and in plain names. "No news" when
 * there are none; the Provisioning tab keeps the full list for engineers.
 */
export function EventsThatMatterList(props: { report: ProvisioningReport }) {
  const { report } = props;
  const groups = eventsThatMatter(report.events, {
    inProgress: BEING_CREATED.includes(report.state),
    resources: report.resources,
  });
  if (groups.length === 0) {
    return (
      <Typography variant="body2" color="textSecondary">
        No news.
      </Typography>
    );
  }
  return (
    <List dense disablePadding aria-label="Events that matter">
      {groups.map(group => (
        <ListItem key={`${group.type}:${group.message}`} disableGutters>
          <ListItemText
            // Backstage cuts dense list items to one line; news wraps.
            style={{ overflowWrap: 'anywhere', whiteSpace: 'normal' }}
            primary={`${group.type === 'Warning' ? '⚠ ' : ''}${group.message}`}
            secondary={`${group.about.join(', ')}${
              group.count > 1 ? ` · ${group.count} times` : ''
            }${
              group.lastSeen
                ? ` · ${new Date(group.lastSeen).toLocaleString()}`
                : ''
            }`}
          />
        </ListItem>
      ))}
    </List>
  );
}
