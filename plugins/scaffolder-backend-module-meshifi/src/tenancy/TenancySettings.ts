import { Config } from '@backstage/config';

/** The platform's tenancy settings, from `meshifi.domains` and `meshifi.owners`. */
export interface TenancySettings {
  /** Patterns of the GCP projects domains may use (`*` is any characters). */
  allowedProjects: string[];
  /** Email domains whose addresses may be owners without being in the catalog. */
  allowedEmailDomains: string[];
}

/** Reads the tenancy settings; absent lists allow nothing. */
export function readTenancySettings(config: Config): TenancySettings {
  return {
    allowedProjects:
      config.getOptionalStringArray('meshifi.domains.allowedProjects') ?? [],
    allowedEmailDomains: (
      config.getOptionalStringArray('meshifi.owners.allowedEmailDomains') ?? []
    ).map(domain => domain.toLowerCase().replace(/^@/, '')),
  };
}

const escapeRegExp = (text: string) =>
  text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Whether a project id matches one of the allowed patterns. */
export function isProjectAllowed(
  project: string,
  settings: TenancySettings,
): boolean {
  return settings.allowedProjects.some(pattern =>
    new RegExp(
      `^${pattern.split('*').map(escapeRegExp).join('[-a-z0-9]*')}$`,
    ).test(project),
  );
}

/** Whether an email's domain is one the platform allows owners from. */
export function isEmailDomainAllowed(
  email: string,
  settings: TenancySettings,
): boolean {
  const domain = email.slice(email.lastIndexOf('@') + 1).toLowerCase();
  return settings.allowedEmailDomains.includes(domain);
}
