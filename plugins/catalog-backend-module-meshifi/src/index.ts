/**
 * The meshifi catalog module: DataProducts and DataDomains in the software catalog.
 *
 * @packageDocumentation
 */

export { catalogModuleMeshifi as default } from './module';
export { MeshifiEntityProcessor } from './MeshifiEntityProcessor';
export { GitOpsEntityProvider } from './GitOpsEntityProvider';
export type { RefreshOutcome } from './GitOpsEntityProvider';
export { createMeshifiEntityDataParser } from './meshifiEntityDataParser';
export { manifestToEntities } from './manifestToEntities';
