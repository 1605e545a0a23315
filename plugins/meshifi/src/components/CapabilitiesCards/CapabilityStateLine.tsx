import {
  StatusError,
  StatusOK,
  StatusPending,
  StatusWarning,
} from '@backstage/core-components';
import { Box, Chip, Typography } from '@material-ui/core';
import { CapabilityState } from '@meshifi/common';

type Tone = CapabilityState['tone'];

/** Each tone as the provisioning card draws states, named for screen readers. */
const TONES: Record<Tone, { Icon: () => JSX.Element; name: string }> = {
  ok: { Icon: () => <StatusOK />, name: 'Status ok' },
  pending: { Icon: () => <StatusPending />, name: 'Status pending' },
  warning: { Icon: () => <StatusWarning />, name: 'Status warning' },
  error: { Icon: () => <StatusError />, name: 'Status error' },
};

/**
 * How a capability is doing: a chip with its tone's icon and the state in a
 * word, and why when the word alone does not say.
 */
export function CapabilityStateLine(props: {
  title: string;
  state: CapabilityState;
}) {
  const { state } = props;
  const tone = TONES[state.tone] ?? TONES.pending;
  return (
    <Box
      role="status"
      aria-label={`State of ${props.title}`}
      display="flex"
      flexWrap="wrap"
      alignItems="center"
      style={{ gap: 8 }}
      mb={1}
    >
      <Chip
        size="small"
        variant="outlined"
        icon={
          <span role="img" aria-label={tone.name}>
            <tone.Icon />
          </span>
        }
        label={state.label}
      />
      {state.detail && (
        <Typography
          variant="body2"
          color="textSecondary"
          // A detail can quote a repository URL or a Kubernetes message.
          style={{ overflowWrap: 'anywhere' }}
        >
          {state.detail}
        </Typography>
      )}
    </Box>
  );
}
