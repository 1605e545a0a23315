import { expect, Locator, Page, test } from '@playwright/test';
import {
  pickFromAutocomplete,
  nextToPlanWithoutOutputTable,
} from './createPage';
import { screenshotter } from './screenshot';

const screenshot = screenshotter('home');

/** The badges the home page shows; "Checking…" until the states are in. */
const STATE = /^(Ready|Being created|Failing|Not in the cluster yet|Unknown)$/;

const salesTable = (page: Page) =>
  page.getByRole('table', { name: 'Data products of Sales' });

const rowOf = (table: Locator, title: string) =>
  table
    .getByTestId('data-product-row')
    .filter({ has: table.page().getByRole('link', { name: title }) });

async function signIn(page: Page) {
  await page.goto('/');
  await page.getByRole('button', { name: 'Enter' }).click();
}

test('the home lists the data products by domain with their states, and filters them', async ({
  page,
}) => {
  await signIn(page);

  // The landing page is meshifi's home, with meshifi's name and logo.
  await expect(
    page.getByRole('heading', { level: 1, name: 'Data products' }),
  ).toBeVisible();
  await expect(page).toHaveTitle(/meshifi/);
  const nav = page.getByRole('navigation', { name: 'sidebar nav' });
  await expect(nav.getByRole('img', { name: 'meshifi' })).toBeVisible();
  await expect(
    nav.getByRole('link', { name: 'Data products', exact: true }),
  ).toBeVisible();

  // The sample products the GitOps repository starts with (examples/gitops),
  // in their domain, with their owners and a state each.
  const sales = salesTable(page);
  for (const title of ['Customer orders', 'Daily revenue']) {
    const row = rowOf(sales, title);
    await expect(row).toHaveCount(1);
    await expect(row.getByTestId('product-state')).toHaveText(STATE);
    await expect(
      row.getByRole('link', { name: 'sales-analytics' }),
    ).toBeVisible();
  }
  await expect(
    rowOf(sales, 'Customer orders').getByText('customer-orders', {
      exact: true,
    }),
  ).toBeVisible();
  await screenshot(page, 'all');

  // The guest owns nothing themselves: the samples are theirs through their
  // team, sales-analytics, so "My data products" keeps them.
  await page.getByRole('checkbox', { name: 'My data products' }).check();
  await expect(rowOf(sales, 'Customer orders')).toHaveCount(1);
  await expect(rowOf(sales, 'Daily revenue')).toHaveCount(1);
  await screenshot(page, 'mine');

  const search = page.getByRole('searchbox', { name: 'Search data products' });
  await search.fill('per day and country');
  await expect(rowOf(sales, 'Daily revenue')).toHaveCount(1);
  await expect(rowOf(sales, 'Customer orders')).toHaveCount(0);
  await search.fill('no such product');
  await expect(
    page.getByText('No data product matches "no such product"'),
  ).toBeVisible();
  await screenshot(page, 'search');

  // The catalog is still there, at /catalog.
  await nav.getByRole('link', { name: 'Catalog', exact: true }).click();
  await expect(page).toHaveURL(/\/catalog/);
  await expect(
    page.getByRole('heading', { level: 2, name: /all components/i }),
  ).toBeVisible();

  // The domain's page lists its products with their states.
  await nav.getByRole('link', { name: 'Data products', exact: true }).click();
  await salesTable(page).waitFor();
  await page.getByRole('link', { name: 'Sales', exact: true }).first().click();
  await expect(page).toHaveURL(/\/catalog\/default\/domain\/sales/);
  const domainProducts = salesTable(page);
  await expect(rowOf(domainProducts, 'Customer orders')).toHaveCount(1);
  await expect(
    rowOf(domainProducts, 'Customer orders').getByTestId('product-state'),
  ).toHaveText(STATE);
  await screenshot(page, 'domain');
});

test('a product just created appears on the home, with its state', async ({
  page,
}) => {
  test.setTimeout(240_000);
  const name = `home-${Date.now().toString(36)}`;
  const title = `Home check ${name}`;

  // "Create a data product" leads to the template's form.
  await signIn(page);
  await page
    .getByRole('button', { name: 'Create a data product' })
    .first()
    .click();
  await expect(page).toHaveURL(/\/create\/templates\/default\/data-product/);
  await expect(page.getByText('What will be created')).toBeVisible();

  await page.getByRole('textbox', { name: 'Name' }).fill(name);
  await page.getByRole('textbox', { name: 'Title' }).fill(title);
  await page.getByRole('button', { name: 'Next' }).click();
  await pickFromAutocomplete(page, 'Domain', 'sales', /sales/i);
  await pickFromAutocomplete(
    page,
    'Owners',
    'sales-analytics',
    /sales-analytics/i,
  );
  await nextToPlanWithoutOutputTable(page);
  await page.getByRole('button', { name: 'Review' }).click();
  await page.getByRole('button', { name: 'Create' }).click();
  await expect(
    page.getByRole('link', { name: 'Open the data product' }),
  ).toBeVisible({ timeout: 60_000 });

  // The catalog reads the commit within seconds; the home lists what the
  // catalog has when it opens.
  const nav = page.getByRole('navigation', { name: 'sidebar nav' });
  await nav.getByRole('link', { name: 'Data products', exact: true }).click();
  const row = rowOf(salesTable(page), title);
  await expect(async () => {
    await page.reload();
    await expect(row).toHaveCount(1, { timeout: 5_000 });
  }).toPass({ timeout: 90_000, intervals: [2_000] });
  await expect(row.getByTestId('product-state')).toHaveText(
    /^(Not in the cluster yet|Being created|Ready)$/,
  );
  await page.getByRole('checkbox', { name: 'My data products' }).check();
  await expect(row).toHaveCount(1);
  await screenshot(page, 'new-product');

  // The states refresh by themselves (every 30 s): it turns Ready.
  await expect(row.getByTestId('product-state')).toHaveText('Ready', {
    timeout: 150_000,
  });
  await screenshot(page, 'new-product-ready');
});
