import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { formatOwner } from '@meshifi/common';

/** The owners of a product, as IAM and as the catalog know them. */
export interface ResolvedOwners {
  /**
   * `spec.access.owners`: who may impersonate the service account, a
   * person's email or `group:` and a group's email.
   */
  owners: string[];
  /** The Backstage owner: the first group picked, else the first user. */
  backstageOwner: string;
}

const looksLikeEmail = (value: string) => /^[^\s@:/]+@[^\s@:/]+$/.test(value);

/** An owner picked in the form as a full entity ref, or a message to pick again. */
function fullRef(owner: string): string {
  try {
    return stringifyEntityRef(
      parseEntityRef(owner, {
        defaultKind: 'user',
        defaultNamespace: 'default',
      }),
    );
  } catch {
    throw new InputError(
      `"${owner}" is neither a user or group of the catalog nor an email address: pick the owners from the list.`,
    );
  }
}

/**
 * Turns the owners picked in the form (user and group refs, or emails) into
 * the product's owners and a Backstage owner. The mapping is explicit: a
 * user is its `spec.profile.email`, granted as a person; a group is the
 * group's own `spec.profile.email` (a Google group), granted as a group;
 * anyone without one is refused with a message that says what to do. An
 * email stays a person's; whether it may be an owner at all is checked with
 * the rest of the tenancy rules.
 */
export async function resolveOwners(
  owners: string[],
  catalog: CatalogService,
  credentials: BackstageCredentials,
): Promise<ResolvedOwners> {
  if (owners.length === 0) {
    throw new InputError('Pick at least one owner.');
  }
  // Each owner as a full entity ref, or undefined for an email.
  const refOf = new Map(
    owners.filter(o => !looksLikeEmail(o)).map(o => [o, fullRef(o)]),
  );
  const refs = [...new Set(refOf.values())];
  const { items } = await catalog.getEntitiesByRefs(
    {
      entityRefs: refs,
      fields: [
        'kind',
        'metadata.name',
        'metadata.namespace',
        'metadata.title',
        'spec.profile',
      ],
    },
    { credentials },
  );
  const entities = new Map(refs.map((ref, i) => [ref, items[i]]));
  const resolved: string[] = [];
  for (const owner of owners) {
    const ref = refOf.get(owner);
    if (!ref) {
      resolved.push(owner.toLowerCase());
      continue;
    }
    const entity = entities.get(ref);
    if (!entity) {
      throw new InputError(
        `${owner} is not in the catalog: pick owners from the list.`,
      );
    }
    const email = (entity.spec?.profile as { email?: string } | undefined)
      ?.email;
    if (!email) {
      const who = entity.metadata.title ?? entity.metadata.name;
      throw new InputError(
        entity.kind.toLowerCase() === 'group'
          ? `The group ${who} has no email address in the catalog, so it cannot be given access: pick its members instead, or ask the platform team to add the group's email.`
          : `${who} has no email address in the catalog, so they cannot be given access: ask the platform team to add it.`,
      );
    }
    const type = entity.kind.toLowerCase() === 'group' ? 'group' : 'user';
    resolved.push(formatOwner({ type, email: email.toLowerCase() }));
  }
  const backstageOwner = refs.find(r => r.startsWith('group:')) ?? refs[0];
  if (!backstageOwner) {
    throw new InputError(
      'Pick at least one owner from the catalog, so that the data product has a team in Backstage.',
    );
  }
  return {
    owners: [...new Set(resolved)],
    backstageOwner,
  };
}
