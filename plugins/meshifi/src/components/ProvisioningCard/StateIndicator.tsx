import {
  StatusAborted,
  StatusError,
  StatusOK,
  StatusPending,
  StatusRunning,
  StatusWarning,
} from '@backstage/core-components';
import { ProvisioningState, STATE_LABELS } from '@meshifi/common';
import { ReactNode } from 'react';

const ICONS: Record<
  ProvisioningState,
  (props: { children?: ReactNode }) => JSX.Element
> = {
  'not-in-cluster': StatusPending,
  pending: StatusPending,
  provisioning: StatusRunning,
  ready: StatusOK,
  degraded: StatusWarning,
  failed: StatusError,
  unreachable: StatusWarning,
  'platform-starting': StatusPending,
  'no-platform': StatusAborted,
};

/** The state's icon and name. */
export function StateIndicator(props: { state: ProvisioningState }) {
  const Icon = ICONS[props.state];
  return <Icon>{STATE_LABELS[props.state]}</Icon>;
}

/** A resource's state: ready, being created, or failing. */
export function ResourceState(props: { ready: boolean; problem?: string }) {
  if (props.problem) {
    return <StatusError>Failing</StatusError>;
  }
  return props.ready ? (
    <StatusOK>Ready</StatusOK>
  ) : (
    <StatusRunning>Being created</StatusRunning>
  );
}
