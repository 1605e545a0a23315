import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import authPlugin from '@backstage/plugin-auth-backend';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { JsonObject } from '@backstage/config';
import request from 'supertest';
import guestSignIn, { GUEST_AS_COOKIE } from './guestSignIn';

const users = ['fiona', 'ana'].map(name => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'User',
  metadata: { name, namespace: 'default' },
  spec: { memberOf: [name === 'fiona' ? 'finance' : 'sales-analytics'] },
  relations: [
    {
      type: 'memberOf',
      targetRef: `group:default/${
        name === 'fiona' ? 'finance' : 'sales-analytics'
      }`,
    },
  ],
}));

async function backendWith(guest: JsonObject) {
  const { server } = await startTestBackend({
    features: [
      authPlugin,
      guestSignIn,
      catalogServiceMock.factory({ entities: users }),
      mockServices.rootConfig.factory({
        data: {
          app: { baseUrl: 'http://localhost:3000' },
          auth: { providers: { guest } },
        },
      }),
    ],
  });
  return (cookie?: string) => {
    const call = request(server).get('/api/auth/guest/refresh');
    return cookie ? call.set('Cookie', `${GUEST_AS_COOKIE}=${cookie}`) : call;
  };
}

describe('the guest sign-in', () => {
  const local = {
    dangerouslyAllowOutsideDevelopment: true,
    sampleUsers: ['user:default/fiona', 'user:default/ana'],
  };

  it('signs in as the guest, or as the sample user the cookie names, with their teams', async () => {
    const refresh = await backendWith(local);
    const guest = await refresh();
    expect(guest.status).toBe(200);
    expect(guest.body.backstageIdentity.identity.userEntityRef).toBe(
      'user:development/guest',
    );
    const fiona = await refresh(encodeURIComponent('user:default/fiona'));
    expect(fiona.status).toBe(200);
    expect(fiona.body.backstageIdentity.identity).toMatchObject({
      userEntityRef: 'user:default/fiona',
      ownershipEntityRefs: expect.arrayContaining(['group:default/finance']),
    });
  });

  it('refuses a user the configuration does not list, saying whom it may be', async () => {
    const refresh = await backendWith(local);
    const pat = await refresh(encodeURIComponent('user:default/pat'));
    expect(pat.status).toBe(403);
    expect(pat.body.error.message).toContain(
      'user:default/pat is not a sample user of this meshifi: sign in as one of user:default/fiona, user:default/ana',
    );
    const withoutList = await backendWith({
      dangerouslyAllowOutsideDevelopment: true,
    });
    expect(
      (await withoutList(encodeURIComponent('user:default/fiona'))).status,
    ).toBe(403);
  });

  it('is off outside development unless the configuration says otherwise', async () => {
    const refresh = await backendWith({ sampleUsers: local.sampleUsers });
    expect((await refresh()).status).toBe(403);
  });
});
