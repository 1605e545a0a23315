import { expect, test } from '@playwright/test';
import { execFileSync } from 'child_process';
import path from 'path';
import { parse } from 'yaml';
import {
  nextUntilVisible,
  openDataProductForm,
  pickFromAutocomplete,
} from './createPage';
import { guestToken, waitForProductInCatalog } from './guestApi';
import { screenshotter } from './screenshot';

const screenshot = screenshotter('capabilities');
const gitops = path.resolve('test-results/e2e-gitops.git');

/**
 * The local control plane the test command starts: without it nothing
 * composes the product's dbt schedule and reports on it, and the test says
 * so rather than pass.
 */
const withControlPlane = Boolean(process.env.MESHIFI_E2E_KUBECONFIG);

/** The analyst's own dbt project: any https address; nothing clones it here. */
const repository = 'https://github.com/acme/sales-dbt.git';

test('an analyst creates a product with dbt models, and sees their schedule on its page', async ({
  page,
  request,
}) => {
  test.skip(!withControlPlane, 'needs the local control plane');
  test.setTimeout(300_000);
  const name = `dbt-${Date.now().toString(36)}`;

  await openDataProductForm(page);
  await page.getByRole('textbox', { name: 'Name' }).fill(name);
  await page.getByRole('textbox', { name: 'Title' }).fill('E2E dbt models');
  await page.getByRole('button', { name: 'Next' }).click();
  await pickFromAutocomplete(page, 'Domain', 'sales', /sales/i);
  await pickFromAutocomplete(page, 'Owners', 'Ana', /Ana Analyst/);
  await page.getByRole('button', { name: 'Next' }).click();

  // No output table, no Fivetran: on to the dbt page.
  await expect(page.getByRole('textbox', { name: 'Table name' })).toBeVisible();
  const dbtOn = page.getByRole('checkbox', {
    name: 'Build the tables with dbt',
  });
  await nextUntilVisible(page, dbtOn);

  // The dbt page: the analyst's own project, on another schedule than the
  // first one offered.
  await dbtOn.check();
  await page
    .getByRole('radio', { name: 'I already have one in a Git repository' })
    .check();
  await page
    .getByRole('textbox', { name: 'Repository address' })
    .fill(repository);
  await page.getByRole('button', { name: /When should it run/ }).click();
  const another = page.getByRole('option').nth(1);
  const schedule = (await another.innerText()).trim();
  await another.click();
  await expect(page.getByRole('listbox')).toBeHidden();
  await screenshot(page, 'create-dbt');
  // The plan has come: what it plans, or why it cannot.
  await nextUntilVisible(
    page,
    page.getByText(/When you press Create|cannot/).first(),
  );

  await page.getByRole('button', { name: 'Review' }).click();
  await page.getByRole('button', { name: 'Create' }).click();
  await expect(
    page.getByRole('link', { name: 'Open the data product' }),
  ).toBeVisible({ timeout: 60_000 });

  // The product file asks for dbt, as the form said.
  const manifest = parse(
    execFileSync('git', ['show', `main:domains/sales/products/${name}.yaml`], {
      cwd: gitops,
      encoding: 'utf8',
    }),
  );
  expect(manifest.spec.capabilities.dbt).toMatchObject({ repository });

  const token = await guestToken(request);
  await waitForProductInCatalog(request, token, name);
  await page.goto(`/catalog/default/dataproduct/${name}`);

  // The dbt card, after the provisioning card, in the form's words.
  const card = page.getByRole('region', { name: 'dbt models' });
  await expect(card).toBeVisible();
  await expect(
    card.locator(
      'xpath=preceding::*[normalize-space(text())="Provisioning in Google Cloud"]',
    ),
  ).toHaveCount(1);
  const factOf = (label: string) =>
    card
      .locator('dt', { hasText: label })
      .locator('xpath=following-sibling::dd[1]');
  await expect(factOf('Schedule')).toHaveText(
    new RegExp(schedule.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), 'i'),
  );
  const project = factOf('Project').getByRole('link');
  await expect(project).toContainText(repository);
  expect(await project.getAttribute('href')).toMatch(
    /^https:\/\/github\.com\/acme\/sales-dbt\b/,
  );
  await expect(project).toHaveAttribute('target', '_blank');
  await expect(project).toHaveAttribute('rel', /\bnoopener\b/);

  // Live from the cluster: Flux applies the product, the function composes
  // its dbt schedule and reports on it. No controller runs the CronJob here.
  await expect(
    page.getByRole('status', { name: 'State of dbt models' }),
  ).toContainText('Not run yet', { timeout: 180_000 });
  await screenshot(page, 'dbt-card');
});
