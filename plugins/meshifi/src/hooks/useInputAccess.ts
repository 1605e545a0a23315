import {
  Entity,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { useApi } from '@backstage/core-plugin-api';
import { AccessGrantView } from '@meshifi/common';
import useAsync from 'react-use/esm/useAsync';
import { meshifiApiRef } from '../api';
import {
  inputPortsOf,
  readProductRef,
} from '../components/DataContractContent/productPorts';

/** This product's grants on one product it reads, or why they are unknown. */
export type InputAccess =
  | { known: true; grants: AccessGrantView[] }
  | { known: false; error: Error };

/**
 * Output ports are tables of the curated dataset: a grant on another layer
 * does not let a product read them.
 */
const OUTPUT_PORT_LAYER = 'curated';

/**
 * Whether a DataProduct may read each product its input ports name: the
 * grants, in the read product's access report, whose consumer is this
 * product (its service account, picked as the product), on the curated
 * layer. Read once as the page opens.
 */
export function useInputAccess(entity: Entity) {
  const api = useApi(meshifiApiRef);
  const consumer = stringifyEntityRef(entity);
  const refs = [...new Set(inputPortsOf(entity).map(readProductRef))].sort();
  const key = refs.join(',');
  return useAsync(async () => {
    const answers = await Promise.allSettled(
      refs.map(ref => api.getProductAccess(parseEntityRef(ref))),
    );
    return new Map<string, InputAccess>(
      answers.map((answer, i) => [
        refs[i],
        answer.status === 'fulfilled'
          ? {
              known: true,
              grants: answer.value.grants.filter(
                grant =>
                  grant.consumer.entityRef?.toLocaleLowerCase('en-US') ===
                    consumer && grant.layer === OUTPUT_PORT_LAYER,
              ),
            }
          : { known: false, error: answer.reason as Error },
      ]),
    );
  }, [api, consumer, key]);
}
