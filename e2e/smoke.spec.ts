import { expect, test } from '@playwright/test';
import { screenshotter } from './screenshot';

const screenshot = screenshotter('smoke');

test('an analyst signs in as guest and reaches the home, the catalog and the Create page', async ({
  page,
}) => {
  await page.goto('/');
  await page.getByRole('button', { name: 'Enter' }).click();

  const nav = page.getByRole('navigation', { name: 'sidebar nav' });
  await expect(
    nav.getByRole('link', { name: 'Catalog', exact: true }),
  ).toBeVisible();

  // meshifi's home is the landing page; the catalog, with the repository's
  // own components, is one click away.
  await expect(
    page.getByRole('heading', { level: 1, name: 'Data products' }),
  ).toBeVisible();
  await nav.getByRole('link', { name: 'Catalog', exact: true }).click();
  await expect(
    page.getByRole('heading', { level: 2, name: /all components/i }),
  ).toBeVisible();
  await expect(
    page.getByRole('link', { name: '@meshifi/common' }),
  ).toBeVisible();
  await screenshot(page, 'catalog');

  await nav.getByRole('link', { name: 'Create', exact: true }).click();
  await expect(page).toHaveURL(/\/create/);
  await expect(
    page.getByRole('heading', { level: 1, name: 'Create' }),
  ).toBeVisible();
  await screenshot(page, 'create');
});
