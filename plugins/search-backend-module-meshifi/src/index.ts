/**
 * The meshifi search module: data products found by what analysts search by.
 *
 * @packageDocumentation
 */

export { searchModuleMeshifiCollator as default } from './module';
export { searchModuleMeshifiCollator } from './module';
export { meshifiCollatorEntityTransformer } from './meshifiCollatorEntityTransformer';
