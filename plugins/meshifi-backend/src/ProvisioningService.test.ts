/*
 * What a product page says when no cluster shows the product, before any
 * cluster is involved: this meshifi watches none, or the local platform of
 * `./meshifi start` is still starting or did not start. The clusters here are
 * real watch caches of an address where nothing listens, so they fail the
 * way a cluster that is not up yet does.
 */
import { mockServices } from '@backstage/backend-test-utils';
import { ClusterConfig } from '@meshifi/node/kubernetes';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  NO_PLATFORM_REASON,
  PLATFORM_STARTING_REASON,
  ProvisioningService,
} from './ProvisioningService';

const platform = { project: 'meshifi-platform', location: 'EU' };
const target = { namespace: 'sales', name: 'customer-orders' };

/** A port nothing listens on: taken from the OS, then let go. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise(resolve => server.close(resolve));
  return port;
}

describe('ProvisioningService without the product in a cluster', () => {
  let dir: string;
  let statusFile: string;
  let cluster: ClusterConfig;
  const services: ProvisioningService[] = [];

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'meshifi-provisioning-'));
    statusFile = join(dir, 'local-platform.json');
    cluster = {
      name: 'local',
      url: `https://127.0.0.1:${await closedPort()}`,
      authProvider: 'serviceAccount',
      serviceAccountToken: 'not-a-real-token',
      skipTLSVerify: true,
    };
  });

  afterEach(async () => {
    await Promise.all(services.splice(0).map(s => s.stop()));
    rmSync(dir, { recursive: true, force: true });
  });

  /** A service whose watches have made their first (failed) attempt. */
  async function started(
    options: { clusters?: ClusterConfig[]; status?: unknown } = {},
  ) {
    if (options.status !== undefined) {
      writeFileSync(statusFile, JSON.stringify(options.status));
    }
    const logger = mockServices.logger.mock();
    const service = ProvisioningService.fromClusters({
      clusters: options.clusters ?? [cluster],
      platform,
      logger,
      localPlatformStatusFile: statusFile,
    });
    services.push(service);
    await service.start();
    return { service, logger };
  }

  it('tells an analyst that this meshifi shows no provisioning when it watches no cluster', async () => {
    const { service, logger } = await started({ clusters: [] });
    const report = service.report(target);
    expect(report.state).toBe('no-platform');
    expect(report.reason).toBe(NO_PLATFORM_REASON);
    expect(report.reason).not.toMatch(/kubernetes|cluster/i);
    // The platform engineer finds the configuration key in the log.
    expect(logger.warn).toHaveBeenCalledWith(
      expect.stringContaining('kubernetes.clusterLocatorMethods'),
    );
  });

  it('says the local platform is starting while its cluster cannot be read yet', async () => {
    const { service } = await started({
      status: { state: 'starting', pid: process.pid },
    });
    expect(service.report(target).clusters[0].connection).toBe('unreachable');
    const report = service.report(target);
    expect(report.state).toBe('platform-starting');
    expect(report.reason).toBe(
      'The local platform is starting: a minute or less, or about 9 minutes the very first time, when it is built.',
    );
    expect(report.reason).toBe(PLATFORM_STARTING_REASON);
  });

  it('says where the log is when the local platform did not start', async () => {
    const { service } = await started({
      status: { state: 'failed', log: '.meshifi/control-plane.log' },
    });
    const report = service.report(target);
    expect(report.state).toBe('unreachable');
    expect(report.reason).toBe(
      'The local platform did not start: see .meshifi/control-plane.log',
    );
  });

  it('says the start failed when the starting process has ended without a word', async () => {
    const { service } = await started({
      // Beyond Linux's largest pid: no process has it.
      status: {
        state: 'starting',
        pid: 4_194_305,
        log: '.meshifi/control-plane.log',
      },
    });
    expect(service.report(target).reason).toBe(
      'The local platform did not start: see .meshifi/control-plane.log',
    );
  });

  it('says why the cluster cannot be read once the local platform is up', async () => {
    const { service } = await started({ status: { state: 'ready' } });
    const report = service.report(target);
    expect(report.state).toBe('unreachable');
    expect(report.reason).toMatch(
      /^Cannot reach the cluster local since .*ECONNREFUSED/,
    );
  });

  it.each([
    ['no status file', undefined],
    ['a malformed status file', 'building'],
  ])('says what the cluster says when there is %s', async (_what, status) => {
    const { service, logger } = await started({ status });
    const report = service.report(target);
    expect(report.state).toBe('unreachable');
    expect(report.reason).toMatch(/^Cannot reach the cluster local/);
    expect(logger.warn).toHaveBeenCalledWith(
      expect.stringContaining(statusFile),
    );
  });

  it('says no platform when none is configured, whatever a status file says', async () => {
    const { service } = await started({
      clusters: [],
      status: { state: 'starting', pid: process.pid },
    });
    expect(service.report(target).state).toBe('no-platform');
  });
});
