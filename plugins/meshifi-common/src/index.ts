/**
 * The meshifi model, shared by the Backstage plugins and the Crossplane
 * composition function.
 *
 * @packageDocumentation
 */

export * from './constants';
export { datasetId } from './naming/datasetId';
