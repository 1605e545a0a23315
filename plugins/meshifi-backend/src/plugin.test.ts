import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import request from 'supertest';
import { meshifiPlugin } from './plugin';

// No clusters: the kubernetes config is absent, as in a fresh install.
const config = mockServices.rootConfig.factory({
  data: {
    meshifi: { platform: { project: 'meshifi-platform', location: 'EU' } },
  },
});

describe('meshifiPlugin', () => {
  it('answers a signed-in caller', async () => {
    const { server } = await startTestBackend({
      features: [meshifiPlugin, config],
    });
    const res = await request(server)
      .get('/api/meshifi/health')
      .set('Authorization', mockCredentials.user.header());
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ status: 'ok' });
  });

  it('turns away a caller without credentials', async () => {
    const { server } = await startTestBackend({
      features: [
        meshifiPlugin,
        config,
        // Without this the test backend treats a bare request as a signed-in user.
        mockServices.httpAuth.factory({
          defaultCredentials: mockCredentials.none(),
        }),
      ],
    });
    const res = await request(server).get('/api/meshifi/health');
    expect(res.status).toBe(401);
  });
});
