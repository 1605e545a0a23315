import { WarningPanel } from '@backstage/core-components';
import {
  Box,
  Button,
  Dialog,
  DialogActions,
  DialogContent,
  DialogContentText,
  DialogTitle,
  TextField,
} from '@material-ui/core';
import { useState } from 'react';
import { errorMessage } from '../../hooks/useProvisioning';
import {
  DECLINE_REASON_MAX_LENGTH,
  declineReasonProblem,
} from './declineReason';

/**
 * Asks an owner why they decline a request. The reason stays typed in the
 * dialog when declining fails, so nothing has to be written twice.
 */
export function DeclineDialog(props: {
  /** Who asked for access, as the card shows them. */
  consumer: string;
  busy: boolean;
  error?: Error;
  onCancel: () => void;
  onDecline: (reason: string) => void;
}) {
  const { consumer, busy, error, onCancel, onDecline } = props;
  const [reason, setReason] = useState('');
  const [touched, setTouched] = useState(false);
  const problem = declineReasonProblem(reason);
  return (
    <Dialog open onClose={busy ? undefined : onCancel} fullWidth maxWidth="sm">
      <DialogTitle>Decline access for {consumer}</DialogTitle>
      <DialogContent>
        <DialogContentText>
          They will read your reason on the product's page. Say why, or what
          they could ask for instead.
        </DialogContentText>
        <TextField
          id="meshifi-decline-reason"
          fullWidth
          multiline
          minRows={3}
          variant="outlined"
          label="Why you decline"
          value={reason}
          onChange={e => setReason(e.target.value)}
          onBlur={() => setTouched(true)}
          error={touched && Boolean(problem)}
          helperText={touched && problem ? problem : ' '}
          inputProps={{ maxLength: DECLINE_REASON_MAX_LENGTH }}
          disabled={busy}
        />
        {error && (
          <Box mt={1}>
            <WarningPanel
              defaultExpanded
              severity="error"
              title="The request could not be declined"
              message={errorMessage(error)}
            />
          </Box>
        )}
      </DialogContent>
      <DialogActions>
        <Button onClick={onCancel} disabled={busy}>
          Cancel
        </Button>
        <Button
          color="primary"
          variant="contained"
          disabled={busy || Boolean(problem)}
          onClick={() => onDecline(reason.trim())}
        >
          Decline
        </Button>
      </DialogActions>
    </Dialog>
  );
}
