import { expect, Locator, Page } from '@playwright/test';

/** Picks an option of a scaffolder entity picker, by the field's label. */
export async function pickFromAutocomplete(
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

/** Signs in as the guest and opens the data-product template on the Create page. */
export async function openDataProductForm(page: Page) {
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
}

/**
 * Presses Next until the target shows, past the optional pages left as they
 * are (the output table's, the capabilities').
 */
export async function nextUntilVisible(page: Page, target: Locator) {
  for (let pages = 0; pages < 5; pages++) {
    if (await target.isVisible()) {
      return;
    }
    await page.getByRole('button', { name: 'Next' }).click();
    await target
      .waitFor({ state: 'visible', timeout: 5_000 })
      .catch(() => undefined);
  }
  await expect(target).toBeVisible({ timeout: 30_000 });
}

/**
 * On to the plan, leaving the optional pages that follow empty (the output
 * table's, the capabilities'), and until the plan has come: what it plans,
 * or why it cannot. A Review pressed while the plan still loads may go
 * unheard.
 */
export async function nextToPlan(page: Page) {
  await nextUntilVisible(
    page,
    page.getByText(/When you press Create|cannot/).first(),
  );
}

/**
 * From the Domain and owners step to the plan, leaving the optional Output
 * table step and the capabilities' steps empty.
 */
export async function nextToPlanWithoutOutputTable(page: Page) {
  await page.getByRole('button', { name: 'Next' }).click();
  await expect(page.getByRole('textbox', { name: 'Table name' })).toBeVisible();
  await nextToPlan(page);
}
