/**
 * The meshifi scaffolder actions.
 *
 * @packageDocumentation
 */

export { scaffolderModuleMeshifi as default } from './module';
export { createDataProductAction } from './actions/createDataProduct';
export { createDataDomainAction } from './actions/createDataDomain';
export { importContractAction } from './actions/importContract';
export { publishToGitOpsAction } from './actions/publishToGitOps';
export { requestDataAccessAction } from './actions/requestDataAccess';
