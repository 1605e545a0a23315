import { Box, Button, Collapse, Typography } from '@material-ui/core';
import { FailureExplanation } from '@meshifi/common';
import { useState } from 'react';
import { WhoToAskLink } from './WhoToAskLink';

/**
 * A provider failure as the analyst reads it: what happened, what to do
 * and whom to ask; Google's own message behind "Details", for the platform
 * engineer.
 */
export function ExplainedFailure(props: {
  failure: FailureExplanation;
  /** Shown first, e.g. "Blocked: …"; the failure's own sentence otherwise. */
  headline?: string;
}) {
  const { failure } = props;
  const [open, setOpen] = useState(false);
  return (
    <Box data-testid="explained-failure" data-failure={failure.id}>
      <Typography variant="body1">
        {props.headline ?? failure.happened}
      </Typography>
      <Typography variant="body2">
        {failure.toDo}{' '}
        {failure.fixer === 'you' ? (
          <WhoToAskLink fixer="you" verb="If unsure, ask" />
        ) : (
          failure.fixer !== 'nobody' && <WhoToAskLink fixer={failure.fixer} />
        )}
      </Typography>
      <Button size="small" onClick={() => setOpen(!open)} aria-expanded={open}>
        {open ? 'Hide details' : 'Details'}
      </Button>
      <Collapse in={open}>
        <Typography
          variant="caption"
          component="pre"
          style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}
          data-testid="failure-details"
        >
          {failure.details}
        </Typography>
      </Collapse>
    </Box>
  );
}
