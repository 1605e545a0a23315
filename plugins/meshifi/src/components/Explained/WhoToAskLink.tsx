import { EntityRefLink } from '@backstage/plugin-catalog-react';
import { FailureFixer } from '@meshifi/common';
import { useWhoToAsk } from './useWhoToAsk';

/** "Ask Data Platform." with a link to the group's catalog page. */
export function WhoToAskLink(props: {
  fixer: FailureFixer;
  /** Before the name: "Ask", or "If unsure, ask". */
  verb?: string;
}) {
  const { value } = useWhoToAsk(props.fixer);
  if (!value) {
    return null;
  }
  const verb = props.verb ?? 'Ask';
  return (
    <span data-testid="who-to-ask">
      {verb}{' '}
      {value.entityRef ? (
        <EntityRefLink entityRef={value.entityRef} defaultKind="group" />
      ) : (
        value.description
      )}
      .
    </span>
  );
}
