import { expect, test } from '@playwright/test';
import { screenshotter } from './screenshot';

const screenshot = screenshotter('catalog');

test('the catalog lists data products by kind and graphs what they are made of', async ({
  page,
}) => {
  await page.goto('/');
  await page.getByRole('button', { name: 'Enter' }).click();
  await page
    .getByRole('navigation', { name: 'sidebar nav' })
    .getByRole('link', { name: 'Catalog', exact: true })
    .click();
  await expect(
    page.getByRole('heading', { level: 2, name: /all components/i }),
  ).toBeVisible();

  // DataProduct is one of the kinds the catalog page filters by.
  await page.getByLabel('Kind').getByRole('button').click();
  await page.getByRole('option', { name: /^DataProduct$/i }).click();
  await expect(
    page.getByRole('link', { name: 'Customer orders' }).first(),
  ).toBeVisible();
  await expect(
    page.getByRole('link', { name: 'Daily revenue' }).first(),
  ).toBeVisible();
  await expect(page.getByRole('link', { name: '@meshifi/common' })).toHaveCount(
    0,
  );
  await screenshot(page, 'kind-filter');

  // The product's relations: its datasets and service account, its domain
  // and its owner.
  await page.getByRole('link', { name: 'Customer orders' }).first().click();
  const graph = page.locator('svg').filter({ hasText: 'customer_orders_raw' });
  for (const node of [
    'customer_orders_raw',
    'customer_orders_cleaned',
    'customer_orders_curated',
    'dp-customer-orders',
    'Sales',
    'sales-analytics',
  ]) {
    await expect(graph.getByText(node, { exact: true }).first()).toBeVisible();
  }
  await screenshot(page, 'graph');
});
