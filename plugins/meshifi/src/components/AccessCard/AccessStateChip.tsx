import { Chip, Tooltip, Typography } from '@material-ui/core';
import { AccessGrantState, AccessGrantView } from '@meshifi/common';

type Look = {
  label: string;
  color: 'default' | 'primary' | 'secondary';
  variant: 'default' | 'outlined';
};

/** Each state as the chip says it; the backend's own sentence is the tooltip. */
export const ACCESS_STATE_LOOKS: Record<AccessGrantState, Look> = {
  'awaiting-approval': {
    label: 'Awaiting approval',
    color: 'default',
    variant: 'outlined',
  },
  declined: { label: 'Declined', color: 'default', variant: 'default' },
  'being-granted': {
    label: 'Being granted',
    color: 'primary',
    variant: 'outlined',
  },
  active: { label: 'Active', color: 'primary', variant: 'default' },
  expiring: {
    label: 'Expiring within 14 days',
    color: 'secondary',
    variant: 'outlined',
  },
  ended: { label: 'Ended', color: 'default', variant: 'default' },
  failed: { label: 'Failed', color: 'secondary', variant: 'default' },
};

/**
 * A grant's state as a chip with words, and under it why granting failed or
 * why the owners declined, since that is what the reader has to act on.
 */
export function AccessStateChip(props: { grant: AccessGrantView }) {
  const { grant } = props;
  const look = ACCESS_STATE_LOOKS[grant.state] ?? {
    label: grant.stateText,
    color: 'default',
    variant: 'outlined',
  };
  const why =
    (grant.state === 'failed' && grant.failure) ||
    (grant.state === 'declined' && grant.reason);
  return (
    <>
      <Tooltip title={grant.stateText}>
        <Chip
          size="small"
          label={look.label}
          color={look.color}
          variant={look.variant}
          data-testid="access-state"
        />
      </Tooltip>
      {why && (
        <Typography
          variant="body2"
          color={grant.state === 'failed' ? 'error' : 'textSecondary'}
          data-testid="access-state-why"
          // The platform's or Google's words can hold long ids and URLs.
          style={{ overflowWrap: 'anywhere' }}
        >
          {why}
        </Typography>
      )}
    </>
  );
}
