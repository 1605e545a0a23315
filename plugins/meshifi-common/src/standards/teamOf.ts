import { MESHIFI_ANNOTATIONS } from '../catalog/annotations';
import { parseOwner } from '../model/owners';
import { DataProduct } from '../model/types';

/** A product's team as ODCS and ODPS both describe one. */
export interface StandardTeam {
  name?: string;
  members: Array<{ username: string; role: string; description?: string }>;
}

/**
 * A product's owners as a team: the Backstage owner (a user or group ref)
 * names it when the manifest carries one, and the owners IAM knows (people
 * and Google groups, by email) are its members.
 */
export function teamOf(product: DataProduct): StandardTeam {
  const backstageOwner =
    product.metadata.annotations?.[MESHIFI_ANNOTATIONS.owner];
  return {
    ...(backstageOwner ? { name: backstageOwner } : {}),
    members: product.spec.access.owners.map(owner => {
      const { type, email } = parseOwner(owner);
      return {
        username: email,
        role: 'owner',
        ...(type === 'group' ? { description: 'A Google group.' } : {}),
      };
    }),
  };
}
