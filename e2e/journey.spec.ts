import { expect, Page, test } from '@playwright/test';
import { execFileSync } from 'child_process';
import path from 'path';
import { parse } from 'yaml';
import { crossplaneTools } from '../crossplane/function/src/testing/crossplaneTools';

const gitops = path.resolve('test-results/e2e-gitops.git');
const screenshot = (page: Page, name: string) =>
  page.screenshot({
    path: `test-results/screenshots/create-${name}.png`,
    fullPage: true,
  });

/** Picks an option of a scaffolder entity picker, by the field's label. */
async function pickFromAutocomplete(
  page: Page,
  label: string,
  search: string,
  option: RegExp,
) {
  const input = page.getByRole('textbox', { name: label });
  const preselected = await expect(input)
    .toHaveValue(option, { timeout: 3_000 })
    .then(
      () => true,
      () => false,
    );
  if (preselected) {
    // The only choice there is: the picker has already made it.
    return;
  }
  await input.click({ timeout: 10_000 });
  await input.fill(search);
  await page.getByRole('option', { name: option }).first().click();
}

test('an analyst creates a data product from the Create page', async ({
  page,
  request,
}) => {
  test.setTimeout(150_000);
  const name = `orders-${Date.now().toString(36)}`;
  page.on('pageerror', e => console.log('PAGEERROR', e.message));

  await page.goto('/');
  await page.getByRole('button', { name: 'Enter' }).click();
  await page
    .getByRole('navigation', { name: 'sidebar nav' })
    .getByRole('link', { name: 'Create', exact: true })
    .click();
  // The Choose button of the card whose title is "Data product".
  await page
    .locator(
      'xpath=//*[normalize-space(text())="Data product"]/ancestor::*[.//button[@data-testid="template-card-actions--create"]][1]//button[@data-testid="template-card-actions--create"]',
    )
    .click();
  await expect(page.getByText('What will be created')).toBeVisible();

  // The name is checked as it is typed, with the server's rules.
  const nameInput = page.getByRole('textbox', { name: 'Name' });
  await nameInput.fill('Customer Orders');
  await expect(page.getByText(/can only use lower-case letters/)).toBeVisible();
  await nameInput.fill(name);
  await expect(page.getByText(/names your BigQuery datasets/)).toBeVisible();
  await page
    .getByRole('textbox', { name: 'Title' })
    .fill('E2E customer orders');
  await screenshot(page, '1-name');
  await page.getByRole('button', { name: 'Next' }).click();

  await pickFromAutocomplete(page, 'Domain', 'sales', /sales/i);
  await pickFromAutocomplete(page, 'Owners', 'Ana', /Ana Analyst/);
  await pickFromAutocomplete(
    page,
    'Owners',
    'sales-analytics',
    /sales-analytics/i,
  );
  await screenshot(page, '2-domain-owners');
  await page.getByRole('button', { name: 'Next' }).click();

  // The plan, from compose(), in words.
  const dataset = `${name.replace(/-/g, '_')}_raw`;
  await expect(
    page.getByText(
      `BigQuery dataset ${dataset} (raw layer) in EU, project acme-sales-data`,
    ),
  ).toBeVisible();
  await expect(
    page.getByText(/ana@example\.com may act as dp-orders-/),
  ).toBeVisible();
  await screenshot(page, '3-plan');
  await page.getByRole('button', { name: 'Review' }).click();
  await page.getByRole('button', { name: 'Create' }).click();

  await expect(
    page.getByRole('link', { name: 'Open the data product' }),
  ).toBeVisible({ timeout: 60_000 });
  await expect(
    page.getByText(/Your request is committed to the GitOps repository/),
  ).toBeVisible();
  await screenshot(page, '4-done');

  // The XR is in the GitOps repository, valid against the XRD.
  const file = `domains/sales/products/${name}.yaml`;
  const content = execFileSync('git', ['show', `main:${file}`], {
    cwd: gitops,
    encoding: 'utf8',
  });
  const manifest = parse(content);
  expect(manifest).toMatchObject({
    apiVersion: 'meshifi.io/v1alpha1',
    kind: 'DataProduct',
    metadata: { name, namespace: 'sales' },
    spec: {
      info: { name, version: '0.1.0', title: 'E2E customer orders' },
      access: { owners: ['ana@example.com', 'sales-analytics@example.com'] },
      domain: 'sales',
    },
  });
  const tools = crossplaneTools();
  const validation = execFileSync(
    tools.crossplane,
    [
      'beta',
      'validate',
      path.resolve('crossplane/apis'),
      '-',
      '--error-on-missing-schemas',
      ...tools.validateFlags,
    ],
    { input: content, encoding: 'utf8' },
  );
  expect(validation).toContain('validated successfully');

  // The product reaches the catalog without a restart: the GitOps provider
  // picks the commit up on its next refresh.
  const { backstageIdentity } = await (
    await request.get('/api/auth/guest/refresh')
  ).json();
  await expect
    .poll(
      async () =>
        (
          await request.get(
            `/api/catalog/entities/by-name/dataproduct/default/${name}`,
            {
              headers: { Authorization: `Bearer ${backstageIdentity.token}` },
            },
          )
        ).status(),
      { timeout: 90_000, intervals: [1_000] },
    )
    .toBe(200);
  await page.getByRole('link', { name: 'Open the data product' }).click();
  await expect(
    page.getByRole('heading', { name: 'E2E customer orders' }),
  ).toBeVisible();
  await expect(
    page.getByText(`${dataset.replace(/_raw$/, '_curated')} (curated)`),
  ).toBeVisible();
  await screenshot(page, '5-catalog');
});
