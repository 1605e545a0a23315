import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { parseOwner } from '@meshifi/common';
import { isEmailDomainAllowed, TenancySettings } from './TenancySettings';

const KIND_OF = { user: 'User', group: 'Group' } as const;

/**
 * Refuses owners that are neither a user or group of the catalog (matched by
 * the email in its profile, a person as `user:`, a group as `group:`) nor
 * at an email domain the platform allows: otherwise anyone could give
 * impersonation of a product's service account to any address.
 */
export async function assertOwnersKnown(
  owners: string[],
  deps: { catalog: CatalogService; settings: TenancySettings },
  credentials: BackstageCredentials,
): Promise<void> {
  const parsed = owners.map(parseOwner);
  const { items } = await deps.catalog.getEntities(
    {
      filter: parsed.map(({ type, email }) => ({
        kind: KIND_OF[type],
        'spec.profile.email': email,
      })),
      fields: ['kind', 'spec.profile.email'],
    },
    { credentials },
  );
  const known = new Set(
    items.map(entity => {
      const email = (entity.spec?.profile as { email?: string })?.email ?? '';
      return `${entity.kind.toLowerCase()}:${email.toLowerCase()}`;
    }),
  );
  for (const { type, email } of parsed) {
    if (
      known.has(`${type}:${email.toLowerCase()}`) ||
      isEmailDomainAllowed(email, deps.settings)
    ) {
      continue;
    }
    throw new InputError(
      `${email} is not a ${type} in the catalog, and meshifi gives access only to the catalog's users and groups: pick the owners from the list. The platform team can allow other addresses at ${email.slice(
        email.lastIndexOf('@') + 1,
      )} with meshifi.owners.allowedEmailDomains.`,
    );
  }
}
