import { Page } from '@playwright/test';

/** Saves full-page screenshots as test-results/screenshots/<prefix>-<name>.png. */
export const screenshotter = (prefix: string) => (page: Page, name: string) =>
  page.screenshot({
    path: `test-results/screenshots/${prefix}-${name}.png`,
    fullPage: true,
  });
