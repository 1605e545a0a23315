import { Entity } from '@backstage/catalog-model';
import { CatalogProcessor } from '@backstage/plugin-catalog-node';
import { MESHIFI_API_VERSION } from '@meshifi/common';

/**
 * Accepts the `DataProduct` kind into the catalog so that the catalog rules
 * can allow it and the entity page can show it.
 */
export class DataProductEntityProcessor implements CatalogProcessor {
  getProcessorName(): string {
    return 'DataProductEntityProcessor';
  }

  async validateEntityKind(entity: Entity): Promise<boolean> {
    if (
      entity.apiVersion !== MESHIFI_API_VERSION ||
      entity.kind !== 'DataProduct'
    ) {
      return false;
    }
    const info = (entity.spec as { info?: { name?: unknown } } | undefined)
      ?.info;
    if (typeof info?.name !== 'string') {
      throw new Error(
        `DataProduct "${entity.metadata.name}" has no spec.info.name: give the product a name.`,
      );
    }
    return true;
  }
}
