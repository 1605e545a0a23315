import { mockCredentials } from '@backstage/backend-test-utils';
import { InputError } from '@backstage/errors';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { exampleOrg } from '../__testUtils__/exampleTenancy';
import { assertOwnersKnown } from './assertOwnersKnown';

const catalog = catalogServiceMock({ entities: exampleOrg });
const credentials = mockCredentials.user('user:default/ana');
const check = (owners: string[], allowedEmailDomains: string[] = []) =>
  assertOwnersKnown(
    owners,
    { catalog, settings: { allowedProjects: [], allowedEmailDomains } },
    credentials,
  );

describe('assertOwnersKnown', () => {
  it("accepts the catalog's people and groups by their email, in any case", async () => {
    await expect(
      check(['Ana@Example.com', 'group:sales-analytics@example.com']),
    ).resolves.toBeUndefined();
  });

  it('refuses an address the catalog does not know, saying how the platform team could allow it', async () => {
    const refused = check(['ana@example.com', 'eve@evil.example']);
    await expect(refused).rejects.toThrow(InputError);
    await expect(refused).rejects.toThrow(
      "eve@evil.example is not a user in the catalog, and meshifi gives access only to the catalog's users and groups: pick the owners from the list. The platform team can allow other addresses at evil.example with meshifi.owners.allowedEmailDomains.",
    );
  });

  it("refuses a person's address given as a group, and a group's as a person", async () => {
    await expect(check(['group:ana@example.com'])).rejects.toThrow(
      'ana@example.com is not a group in the catalog',
    );
    await expect(check(['sales-analytics@example.com'])).rejects.toThrow(
      'sales-analytics@example.com is not a user in the catalog',
    );
  });

  it('accepts any address at an allowed email domain', async () => {
    await expect(
      check(['bo@partner.org', 'group:ops@partner.org'], ['partner.org']),
    ).resolves.toBeUndefined();
    await expect(
      check(['bo@partner.org.evil.example'], ['partner.org']),
    ).rejects.toThrow(InputError);
  });

  it("asks the catalog with the initiator's credentials", async () => {
    const getEntities = jest.spyOn(catalog, 'getEntities');
    await check(['ana@example.com']);
    expect(getEntities).toHaveBeenCalledWith(expect.anything(), {
      credentials,
    });
  });
});
