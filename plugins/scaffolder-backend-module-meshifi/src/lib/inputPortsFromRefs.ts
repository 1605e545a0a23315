import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { InputPort, MESHIFI_ANNOTATIONS } from '@meshifi/common';

/**
 * The input ports of the tables picked on the form: each an output port's
 * API entity (`api:default/<product>.<port>`), whose annotations name its
 * product and table, since a long name is shortened in the catalog. Read
 * with the initiator's credentials: a table they cannot see is refused.
 */
export async function inputPortsFromRefs(
  refs: string[],
  catalog: CatalogService,
  credentials: BackstageCredentials,
): Promise<InputPort[]> {
  const ports: InputPort[] = [];
  for (const ref of refs) {
    const entity = await catalog.getEntityByRef(ref, { credentials });
    const annotations = entity?.metadata.annotations ?? {};
    const product = annotations[MESHIFI_ANNOTATIONS.dataProduct];
    const port = annotations[MESHIFI_ANNOTATIONS.outputPort];
    if (!entity || entity.kind !== 'API' || !product || !port) {
      throw new InputError(
        `${ref} is not a table of a data product in the catalog: pick the tables your product reads from the list.`,
      );
    }
    ports.push({ product, port });
  }
  return ports;
}
