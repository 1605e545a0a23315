import { defineConfig } from '@playwright/test';
import path from 'path';

const baseURL = process.env.MESHIFI_URL ?? 'http://localhost:7007';

/**
 * Browser tests against the running meshifi: the backend serves the built app.
 * Chromium comes from the system (`./meshifi test` installs Debian's package);
 * Playwright never downloads a browser of its own.
 */
export default defineConfig({
  testDir: 'e2e',
  timeout: 120_000,
  expect: { timeout: 30_000 },
  forbidOnly: !!process.env.CI,
  retries: 0,
  workers: 1,
  reporter: [['list'], ['json', { outputFile: 'test-results/e2e.json' }]],
  outputDir: 'test-results/e2e-artifacts',
  webServer: {
    command: 'node ../../.yarn/releases/yarn-4.13.0.cjs start',
    cwd: 'packages/backend',
    url: `${baseURL}/.backstage/health/v1/readiness`,
    reuseExistingServer: !process.env.CI,
    timeout: 180_000,
    stdout: 'ignore',
    stderr: 'pipe',
    // A GitOps repository of the test run's own, made fresh by the backend.
    env: {
      APP_CONFIG_meshifi_gitops_url: path.resolve(
        'test-results/e2e-gitops.git',
      ),
      APP_CONFIG_meshifi_catalog_gitops_schedule_frequency_seconds: '2',
      APP_CONFIG_meshifi_catalog_gitops_schedule_timeout_seconds: '60',
    },
  },
  use: {
    baseURL,
    screenshot: 'only-on-failure',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    },
  },
});
