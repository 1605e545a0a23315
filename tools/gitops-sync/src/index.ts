/**
 * A GitOps sync loop for local clusters: applies what is in the meshifi
 * GitOps repository to a Kubernetes cluster, as Argo CD or Flux would.
 *
 * @packageDocumentation
 */

export { GitOpsSync } from './GitOpsSync';
export type { GitOpsSyncOptions, SyncOutcome } from './GitOpsSync';
export {
  readManifest,
  describeObject,
  FIELD_MANAGER,
  MANAGED_BY_LABEL,
  GITOPS_PATH_ANNOTATION,
} from './manifests';
export type { DesiredObject, ReadManifest, ManifestKind } from './manifests';
export { parseOptions } from './options';
export type { SyncOptions } from './options';
