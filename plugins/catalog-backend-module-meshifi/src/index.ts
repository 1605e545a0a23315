/**
 * The meshifi catalog module.
 *
 * @packageDocumentation
 */

export { catalogModuleMeshifi as default } from './module';
export { DataProductEntityProcessor } from './DataProductEntityProcessor';
