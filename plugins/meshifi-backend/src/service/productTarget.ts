import { Entity } from '@backstage/catalog-model';
import {
  DataProductEntity,
  dataProductManifestOf,
  MESHIFI_ANNOTATIONS,
} from '@meshifi/common';
import { ProductTarget } from '../ProvisioningService';

/**
 * The composite resource a DataProduct entity stands for, as its annotations
 * name it, with the manifest the cluster should get: the one place the
 * routes turn an entity into what the ProvisioningService looks up.
 */
export function productTargetOf(entity: Entity): ProductTarget {
  const annotations = entity.metadata.annotations ?? {};
  return {
    namespace: annotations[MESHIFI_ANNOTATIONS.xrNamespace] ?? 'default',
    name: annotations[MESHIFI_ANNOTATIONS.xrName] ?? entity.metadata.name,
    manifest: dataProductManifestOf(entity as unknown as DataProductEntity),
  };
}
