import { AuthService } from '@backstage/backend-plugin-api';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { MESHIFI_ANNOTATIONS } from '@meshifi/common';

interface Snapshot {
  at: number;
  usersByEmail: Map<string, string[]>;
  projectsByDomain: Map<string, string>;
}

/**
 * What the processor needs to know of other entities: which catalog users
 * own an email, and which GCP project a domain lives in. Read from the
 * catalog in two queries and kept for `ttlMs`, so processing many products
 * costs the catalog nothing per product.
 */
export class CatalogLookups {
  private snapshot?: Promise<Snapshot>;

  constructor(
    private readonly catalog: CatalogService,
    private readonly auth: AuthService,
    private readonly ttlMs = 30_000,
  ) {}

  /** The User entity refs whose profile email is this email (case-insensitive). */
  async usersWithEmail(email: string): Promise<string[]> {
    return (await this.current()).usersByEmail.get(email.toLowerCase()) ?? [];
  }

  /** The GCP project of a domain, from its Domain entity. */
  async projectOfDomain(domain: string): Promise<string | undefined> {
    return (await this.current()).projectsByDomain.get(domain);
  }

  private current(): Promise<Snapshot> {
    const snapshot = this.snapshot;
    if (snapshot) {
      return snapshot.then(s =>
        Date.now() - s.at < this.ttlMs ? s : this.reload(),
      );
    }
    return this.reload();
  }

  private reload(): Promise<Snapshot> {
    this.snapshot = this.load().catch(error => {
      this.snapshot = undefined;
      throw error;
    });
    return this.snapshot;
  }

  private async load(): Promise<Snapshot> {
    const credentials = await this.auth.getOwnServiceCredentials();
    const [users, domains] = await Promise.all([
      this.catalog.getEntities(
        {
          filter: { kind: 'User' },
          fields: [
            'kind',
            'metadata.name',
            'metadata.namespace',
            'spec.profile.email',
          ],
        },
        { credentials },
      ),
      this.catalog.getEntities(
        {
          filter: { kind: 'Domain' },
          fields: ['metadata.name', 'metadata.annotations'],
        },
        { credentials },
      ),
    ]);
    const usersByEmail = new Map<string, string[]>();
    for (const user of users.items) {
      const email = (user.spec?.profile as { email?: string } | undefined)
        ?.email;
      if (email) {
        const key = email.toLowerCase();
        usersByEmail.set(key, [
          ...(usersByEmail.get(key) ?? []),
          stringifyEntityRef(user),
        ]);
      }
    }
    const projectsByDomain = new Map<string, string>();
    for (const domain of domains.items) {
      const project =
        domain.metadata.annotations?.[MESHIFI_ANNOTATIONS.gcpProject];
      if (project) {
        projectsByDomain.set(domain.metadata.name, project);
      }
    }
    return { at: Date.now(), usersByEmail, projectsByDomain };
  }
}
