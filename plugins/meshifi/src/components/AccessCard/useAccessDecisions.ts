import { useApi } from '@backstage/core-plugin-api';
import { useCallback, useState } from 'react';
import { meshifiApiRef } from '../../api';

/** What the owner did last that went wrong, for the card to say. */
export interface DecisionFailure {
  action: 'approve' | 'decline';
  requestId: string;
  error: Error;
}

export interface AccessDecisions {
  /** The request being decided, while the backend works on it. */
  deciding?: string;
  /** The last decision that failed, until the next one starts. */
  failure?: DecisionFailure;
  /** Approves; true when the backend took it. */
  approve: (requestId: string) => Promise<boolean>;
  /** Declines with the owner's reason; true when the backend took it. */
  decline: (requestId: string, reason: string) => Promise<boolean>;
}

/**
 * Approving and declining access requests one at a time. Whatever the
 * outcome the list is loaded again (`onDecided`): after a refusal because
 * someone decided first, the card then shows what they decided.
 */
export function useAccessDecisions(onDecided: () => void): AccessDecisions {
  const api = useApi(meshifiApiRef);
  const [deciding, setDeciding] = useState<string>();
  const [failure, setFailure] = useState<DecisionFailure>();

  const decide = useCallback(
    async (
      action: DecisionFailure['action'],
      requestId: string,
      call: () => Promise<unknown>,
    ) => {
      setDeciding(requestId);
      setFailure(undefined);
      try {
        await call();
        return true;
      } catch (error) {
        setFailure({ action, requestId, error: error as Error });
        return false;
      } finally {
        setDeciding(undefined);
        onDecided();
      }
    },
    [onDecided],
  );

  const approve = useCallback(
    (requestId: string) =>
      decide('approve', requestId, () => api.approveAccessRequest(requestId)),
    [api, decide],
  );
  const decline = useCallback(
    (requestId: string, reason: string) =>
      decide('decline', requestId, () =>
        api.declineAccessRequest(requestId, { reason }),
      ),
    [api, decide],
  );

  return { deciding, failure, approve, decline };
}
