/**
 * The meshifi frontend plugin (legacy frontend system). Apps on the new
 * frontend system import `@meshifi/plugin-meshifi/alpha`.
 *
 * @packageDocumentation
 */

export {
  meshifiPlugin,
  EntityDataProductOverviewCard,
  DataProductNameFieldExtension,
  DataProductPlanFieldExtension,
} from './plugin';
