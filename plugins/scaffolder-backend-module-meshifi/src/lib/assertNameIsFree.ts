import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';

/** Refuses a name the catalog already has, naming who owns it. */
export async function assertNameIsFree(
  kind: 'dataproduct' | 'domain',
  name: string,
  catalog: CatalogService,
  credentials: BackstageCredentials,
) {
  const existing = await catalog.getEntityByRef(`${kind}:default/${name}`, {
    credentials,
  });
  if (existing) {
    const what = kind === 'domain' ? 'domain' : 'data product';
    throw new InputError(
      `A ${what} named "${name}" already exists, owned by ${
        existing.spec?.owner ?? 'someone else'
      }. Pick another name, or ask its owners to add you.`,
    );
  }
}
