import { expect, test } from '@playwright/test';
import {
  openDataProductForm,
  pickFromAutocomplete,
  nextToPlanWithoutOutputTable,
} from './createPage';
import { screenshotter } from './screenshot';

const screenshot = screenshotter('tenancy');

test("someone outside a domain's team is told so before pressing Create", async ({
  page,
}) => {
  // The guest is in the sales team (examples/org.yaml), not in finance.
  await openDataProductForm(page);
  await page
    .getByRole('textbox', { name: 'Name' })
    .fill(`ledger-${Date.now().toString(36)}`);
  await page.getByRole('textbox', { name: 'Title' }).fill('Ledger');
  await page.getByRole('button', { name: 'Next' }).click();
  await pickFromAutocomplete(page, 'Domain', 'finance', /finance/i);
  await pickFromAutocomplete(page, 'Owners', 'Ana', /Ana Analyst/);
  await nextToPlanWithoutOutputTable(page);

  await expect(
    page.getByText(
      'You are not in the finance team, which owns the domain "finance": only its members create data products there. Ask someone in finance to add you to the team (group:default/finance), or pick the domain of your own team.',
    ),
  ).toBeVisible();
  await expect(page.getByLabel('Planned resources')).toHaveCount(0);
  await screenshot(page, 'not-in-team');
});

test("a member of the domain's team sees the plan of what will be created", async ({
  page,
}) => {
  await openDataProductForm(page);
  await page
    .getByRole('textbox', { name: 'Name' })
    .fill(`forecast-${Date.now().toString(36)}`);
  await page.getByRole('textbox', { name: 'Title' }).fill('Forecast');
  await page.getByRole('button', { name: 'Next' }).click();
  await pickFromAutocomplete(page, 'Domain', 'sales', /sales/i);
  await pickFromAutocomplete(page, 'Owners', 'Ana', /Ana Analyst/);
  await nextToPlanWithoutOutputTable(page);

  await expect(page.getByLabel('Planned resources')).toBeVisible();
  await expect(
    page.getByText(/in EU, project acme-sales-data/).first(),
  ).toBeVisible();
  await expect(page.getByText(/You are not in the/)).toHaveCount(0);
  await screenshot(page, 'in-team');
});
