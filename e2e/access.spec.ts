import { Browser, expect, Page, test } from '@playwright/test';
import { screenshotter } from './screenshot';

const screenshot = screenshotter('access');
const PRODUCT_PAGE = '/catalog/default/dataproduct/customer-orders';

/**
 * Signs in as a sample user of the local meshifi (the guest sign-in reads
 * the cookie; app-config.yaml lists who may be chosen), or as the guest.
 */
async function signedIn(browser: Browser, user?: string): Promise<Page> {
  const context = await browser.newContext();
  if (user) {
    await context.addCookies([
      {
        name: 'meshifi-guest-as',
        value: encodeURIComponent(user),
        url: test.info().project.use.baseURL!,
      },
    ]);
  }
  const page = await context.newPage();
  await page.goto('/');
  await page.getByRole('button', { name: 'Enter' }).click();
  await expect(
    page.getByRole('heading', { name: 'Data products' }),
  ).toBeVisible();
  return page;
}

/** The Access card's row of a consumer. */
const rowOf = (page: Page, who: RegExp) =>
  page.getByTestId('access-row').filter({ hasText: who });

/** The last day of access, a month ahead (UTC), as the date field takes it. */
const inAMonth = () =>
  new Date(Date.now() + 30 * 24 * 60 * 60 * 1000).toISOString().slice(0, 10);

test('a consumer asks for access on the product page, an owner approves, and the grant becomes active', async ({
  browser,
}) => {
  test.skip(
    !process.env.MESHIFI_E2E_KUBECONFIG,
    'no local control plane: nothing grants the approved access',
  );
  test.setTimeout(300_000);

  // Fiona, of the finance team, asks for the curated orders.
  const fiona = await signedIn(browser, 'user:default/fiona');
  await fiona.goto(PRODUCT_PAGE);
  await fiona.getByRole('button', { name: 'Request access' }).click();
  await expect(
    fiona.getByText('Request access to a data product'),
  ).toBeVisible();
  await expect(
    fiona.getByRole('textbox', { name: 'Data product' }),
  ).toHaveValue(/customer-orders/);
  await fiona.getByRole('button', { name: 'Next' }).click();
  await fiona
    .getByRole('textbox', { name: 'Purpose' })
    .fill('Reconcile the invoices of the month with the orders they bill');
  await fiona.getByLabel('Last day of access').fill(inAMonth());
  await screenshot(fiona, 'request');
  await fiona.getByRole('button', { name: 'Review' }).click();
  await fiona.getByRole('button', { name: 'Create' }).click();
  await expect(
    fiona.getByText('The owners of the data product were asked'),
  ).toBeVisible({
    timeout: 60_000,
  });
  await fiona.goto(PRODUCT_PAGE);
  const asked = rowOf(fiona, /fiona/i);
  await expect(asked.getByTestId('access-state')).toHaveText(
    'Awaiting approval',
  );
  // Fiona may not decide on her own request.
  await expect(asked.getByRole('button', { name: 'Approve' })).toHaveCount(0);

  // The guest is in the sales team, which owns customer-orders.
  const owner = await signedIn(browser);
  await owner.goto(PRODUCT_PAGE);
  const request = rowOf(owner, /fiona/i);
  await expect(request.getByTestId('access-state')).toHaveText(
    'Awaiting approval',
  );
  await screenshot(owner, 'approval');
  await request.getByRole('button', { name: 'Approve' }).click();
  await expect(request.getByTestId('access-state')).toHaveText(
    /Being granted|Active/,
    { timeout: 30_000 },
  );
  // Flux applies the grant's file, Crossplane composes its IAM member, the
  // stand-in provider reports it Ready; the page follows without a reload.
  await expect(request.getByTestId('access-state')).toHaveText('Active', {
    timeout: 240_000,
  });
  await screenshot(owner, 'access-card');

  // Fiona's own page lists what she may read.
  await fiona.goto('/catalog/default/user/fiona');
  await expect(fiona.getByText('Data products you can read')).toBeVisible();
  // The link reads the product's name, then its title once the catalog
  // has given it: either will do.
  await expect(
    fiona.getByRole('link', { name: /customer.orders/i }).first(),
  ).toBeVisible();
  await screenshot(fiona, 'consumer-page');
});
