/**
 * A stand-in for the Crossplane GCP provider, for local clusters and tests
 * where Google Cloud cannot be reached: it marks meshifi's managed resources
 * Synced and Ready with the status the real provider reports, or fails them
 * on request.
 *
 * @packageDocumentation
 */

export { StandInProvider, FIELD_MANAGER } from './StandInProvider';
export type { StandInProviderOptions } from './StandInProvider';
export { FAIL_ANNOTATION } from './failures';
export { MANAGED_KINDS } from './managedKinds';
export type { ManagedKind, ManagedResource } from './managedKinds';
export { desiredState, isUpToDate } from './desiredState';
export type { DesiredState } from './desiredState';
export { parseOptions } from './options';
export type { StandInOptions } from './options';
