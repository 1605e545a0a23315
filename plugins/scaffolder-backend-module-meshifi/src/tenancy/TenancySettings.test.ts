import { ConfigReader } from '@backstage/config';
import {
  isEmailDomainAllowed,
  isProjectAllowed,
  readTenancySettings,
} from './TenancySettings';

const settings = (meshifi: object) =>
  readTenancySettings(new ConfigReader({ meshifi }));

describe('readTenancySettings', () => {
  it('allows nothing without lists', () => {
    const none = settings({});
    expect(isProjectAllowed('acme-sales-data', none)).toBe(false);
    expect(isEmailDomainAllowed('ana@example.com', none)).toBe(false);
  });

  it('matches projects against the patterns, whole', () => {
    const allowed = settings({
      domains: { allowedProjects: ['acme-*-data', 'shared-analytics'] },
    });
    expect(isProjectAllowed('acme-sales-data', allowed)).toBe(true);
    expect(isProjectAllowed('shared-analytics', allowed)).toBe(true);
    expect(isProjectAllowed('prod-finance', allowed)).toBe(false);
    expect(isProjectAllowed('acme-sales-data-x', allowed)).toBe(false);
    expect(isProjectAllowed('x-acme-sales-data', allowed)).toBe(false);
  });

  it('treats a pattern as a pattern, not as a regular expression', () => {
    const allowed = settings({ domains: { allowedProjects: ['acme.data'] } });
    expect(isProjectAllowed('acmexdata', allowed)).toBe(false);
  });

  it('matches email domains whole, in any case, with or without @', () => {
    const allowed = settings({
      owners: { allowedEmailDomains: ['@Example.com', 'partner.org'] },
    });
    expect(isEmailDomainAllowed('ana@EXAMPLE.com', allowed)).toBe(true);
    expect(isEmailDomainAllowed('bo@partner.org', allowed)).toBe(true);
    expect(isEmailDomainAllowed('eve@evil-example.com', allowed)).toBe(false);
    expect(isEmailDomainAllowed('eve@example.com.evil.org', allowed)).toBe(
      false,
    );
  });
});
