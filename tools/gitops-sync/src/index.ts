/**
 * A GitOps sync loop for local clusters: applies what is in the meshifi
 * GitOps repository to a Kubernetes cluster, as Argo CD or Flux would.
 *
 * @packageDocumentation
 */

export {
  GitOpsSync,
  ALWAYS_PRUNABLE,
  DEFAULT_MAX_PRUNE_PERCENT,
} from './GitOpsSync';
export type { GitOpsSyncOptions, SyncOutcome } from './GitOpsSync';
export {
  readManifest,
  describeObject,
  FIELD_MANAGER,
  MANAGED_BY_LABEL,
  GITOPS_PATH_ANNOTATION,
} from './manifests';
export type { DesiredObject, ReadManifest, ManifestKind } from './manifests';
export { SyncState, STATE_CONFIG_MAP, STATE_KEYS } from './state';
export type { SyncEvent, SyncEventReason } from './events';
export { parseOptions } from './options';
export type { SyncOptions } from './options';
