import {
  Resources,
  ResourceSelector,
} from '@crossplane-org/function-sdk-typescript';
import { KubernetesObject } from '@meshifi/common';

/**
 * What Crossplane answers a function's requirement with, from the given
 * resources as `crossplane render --required-resources` does: the resource
 * of that apiVersion and kind with the name asked for, or every one whose
 * labels match, or every one of the kind.
 */
export function fetchRequired(
  resources: KubernetesObject[],
  selector: ResourceSelector,
): Resources {
  const candidates = resources
    .filter(
      r => r.apiVersion === selector.apiVersion && r.kind === selector.kind,
    )
    .sort((a, b) => (a.metadata.name < b.metadata.name ? -1 : 1));
  const asItem = (resource: KubernetesObject) => ({
    resource: JSON.parse(JSON.stringify(resource)),
    connectionDetails: {},
    ready: 0,
  });
  if (selector.matchName !== undefined) {
    const named = candidates.find(r => r.metadata.name === selector.matchName);
    return { items: named ? [asItem(named)] : [] };
  }
  const wanted = Object.entries(selector.matchLabels?.labels ?? {});
  return {
    items: candidates
      .filter(r =>
        wanted.every(([key, value]) => r.metadata.labels?.[key] === value),
      )
      .map(asItem),
  };
}
