/**
 * The meshifi frontend plugin (legacy frontend system). Apps on the new
 * frontend system import `@meshifi/plugin-meshifi/alpha`.
 *
 * @packageDocumentation
 */

export {
  meshifiPlugin,
  EntityDataProductOverviewCard,
  EntityProvisioningCard,
  EntityCapabilitiesCards,
  EntityProvisioningContent,
  EntityDataContractContent,
  EntityLifecycleWarnings,
  EntityAccessCard,
  EntityConsumerAccessCard,
  EntityDomainProductsCard,
  MeshifiHomePage,
  DataProductNameFieldExtension,
  DataProductPlanFieldExtension,
  MeshifiGettingReadyPage,
} from './plugin';
export { meshifiApiRef, MeshifiClient } from './api';
export { dataProductLineageGraph } from './components/Lineage';
export type { DownloadedFile, MeshifiApi } from './api';
