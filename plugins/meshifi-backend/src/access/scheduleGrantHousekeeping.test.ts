import {
  createMockDirectory,
  mockServices,
} from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { dataAccessManifest } from '@meshifi/common';
import { useGitOpsServer } from '@meshifi/test-utils';
import { execFileSync } from 'child_process';
import { stringify } from 'yaml';
import {
  GRANT_HOUSEKEEPING_TASK_ID,
  scheduleGrantHousekeeping,
} from './scheduleGrantHousekeeping';

const file = 'domains/sales/access/finance-orders.yaml';
const grant = stringify(
  dataAccessManifest('finance-orders', 'sales', {
    product: 'customer-orders',
    consumer: { type: 'user', email: 'ana@example.com' },
    purpose: 'Monthly revenue report.',
    expires: '2026-11-30',
  }),
);

describe('scheduleGrantHousekeeping', () => {
  const dir = createMockDirectory();
  const gitops = useGitOpsServer(dir);

  beforeEach(() =>
    gitops.repository('people').publishFile({
      path: file,
      content: grant,
      message: 'Grant finance-orders',
      ifExists: () => new Error('exists'),
    }),
  );

  const remoteFiles = () =>
    execFileSync('git', ['ls-tree', '-r', '--name-only', 'main'], {
      cwd: gitops.remote,
      encoding: 'utf8',
    })
      .trim()
      .split('\n');

  async function schedule(
    onRemoved?: Parameters<typeof scheduleGrantHousekeeping>[0]['onRemoved'],
  ) {
    const scheduler = mockServices.scheduler();
    const scheduleTask = jest.spyOn(scheduler, 'scheduleTask');
    const logger = mockServices.logger.mock();
    await scheduleGrantHousekeeping({
      scheduler,
      config: new ConfigReader({
        meshifi: { access: { housekeeping: { frequency: 'PT15M' } } },
      }),
      repository: gitops.repository('housekeeping'),
      logger,
      now: () => new Date('2026-12-02T09:00:00Z'),
      onRemoved,
    });
    return { scheduler, scheduleTask, logger };
  }

  it('schedules one global task at the configured frequency, whose run removes the ended grants and reports them', async () => {
    const onRemoved = jest.fn();
    const { scheduler, scheduleTask } = await schedule(onRemoved);

    expect(scheduleTask).toHaveBeenCalledWith(
      expect.objectContaining({
        id: GRANT_HOUSEKEEPING_TASK_ID,
        scope: 'global',
        frequency: { minutes: 15 },
        timeout: { minutes: 10 },
        initialDelay: { minutes: 1 },
      }),
    );
    expect(await scheduler.getScheduledTasks()).toEqual([
      expect.objectContaining({
        id: 'meshifi-access-housekeeping',
        scope: 'global',
      }),
    ]);
    expect(onRemoved).not.toHaveBeenCalled();

    await scheduler.triggerTask(GRANT_HOUSEKEEPING_TASK_ID);

    expect(remoteFiles()).toEqual(['README.md']);
    expect(onRemoved).toHaveBeenCalledWith([
      expect.objectContaining({ name: 'finance-orders', path: file }),
    ]);

    onRemoved.mockClear();
    await scheduler.triggerTask(GRANT_HOUSEKEEPING_TASK_ID);
    expect(onRemoved).not.toHaveBeenCalled();
  });

  it('logs a run that cannot reach the repository, and removes and reports nothing', async () => {
    const onRemoved = jest.fn();
    const { scheduler, logger } = await schedule(onRemoved);
    await gitops.server.stop();

    await scheduler.triggerTask(GRANT_HOUSEKEEPING_TASK_ID);

    expect(onRemoved).not.toHaveBeenCalled();
    expect(logger.error).toHaveBeenCalledWith(
      expect.stringMatching(
        /^Access housekeeping could not remove the access grants that ended from the GitOps repository; it tries again on its next run\. .*cannot be reached right now/,
      ),
    );
    expect(remoteFiles()).toEqual(['README.md', file]);
  });

  it('logs the grants it removed when recording them fails', async () => {
    const { scheduler, logger } = await schedule(async () => {
      throw new Error('the database is gone');
    });

    await scheduler.triggerTask(GRANT_HOUSEKEEPING_TASK_ID);

    expect(remoteFiles()).toEqual(['README.md']);
    expect(logger.error).toHaveBeenCalledWith(
      expect.stringMatching(
        /^Access housekeeping removed sales\/finance-orders from the GitOps repository but could not record it\. .*the database is gone/,
      ),
    );
  });
});
