import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import request from 'supertest';
import { meshifiPlugin } from './plugin';

describe('meshifiPlugin', () => {
  it('answers a signed-in caller', async () => {
    const { server } = await startTestBackend({ features: [meshifiPlugin] });
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
