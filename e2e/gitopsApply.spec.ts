import { expect, test } from '@playwright/test';
import { execFileSync } from 'child_process';
import fs from 'fs';
import os from 'os';
import path from 'path';
import { guestToken, waitForProductInCatalog } from './guestApi';
import { screenshotter } from './screenshot';

const gitops = path.resolve('test-results/e2e-gitops.git');
const screenshot = screenshotter('gitops-apply');

/** Commits the changes (null deletes a file) to the GitOps repository, as a person would. */
function commit(changes: Record<string, string | null>, message: string) {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'meshifi-e2e-work-'));
  const git = (...args: string[]) =>
    execFileSync(
      'git',
      ['-c', 'user.name=e2e', '-c', 'user.email=e2e@localhost', ...args],
      { cwd: work, stdio: 'pipe' },
    );
  try {
    git('clone', '--quiet', gitops, '.');
    for (const [file, content] of Object.entries(changes)) {
      if (content === null) {
        fs.rmSync(path.join(work, file));
      } else {
        fs.mkdirSync(path.dirname(path.join(work, file)), { recursive: true });
        fs.writeFileSync(path.join(work, file), content);
      }
    }
    git('add', '-A');
    git('commit', '--quiet', '-m', message);
    git('push', '--quiet', 'origin', 'HEAD:main');
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}

test("a broken file holds back its domain's products, and the page of one waiting says so until it is fixed", async ({
  page,
  request,
}) => {
  test.skip(
    !process.env.MESHIFI_E2E_KUBECONFIG,
    'no local control plane: no Flux applies the repository',
  );
  test.setTimeout(240_000);
  // A domain of its own, so that the broken file holds back no other test's.
  const stamp = Date.now().toString(36);
  const domain = `held-${stamp}`;
  const product = `waiting-${stamp}`;
  const broken = `domains/${domain}/products/broken.yaml`;
  commit(
    {
      [`domains/${domain}/domain.yaml`]: [
        'apiVersion: meshifi.io/v1alpha1',
        'kind: DataDomain',
        'metadata:',
        `  name: ${domain}`,
        'spec:',
        '  title: Held back',
        '  owner: group:default/sales-analytics',
        `  gcpProject: acme-${domain}`,
        '',
      ].join('\n'),
      [`domains/${domain}/products/${product}.yaml`]: [
        'apiVersion: meshifi.io/v1alpha1',
        'kind: DataProduct',
        'metadata:',
        `  name: ${product}`,
        `  namespace: ${domain}`,
        'spec:',
        '  info:',
        `    name: ${product}`,
        '    title: Waiting orders',
        '    version: 0.1.0',
        '  access:',
        '    owners:',
        '      - ana@example.com',
        `  domain: ${domain}`,
        '',
      ].join('\n'),
      [broken]:
        'apiVersion: meshifi.io/v1alpha1\nkind: DataProduct\nmetadata: [broken\n',
    },
    `Add the domain ${domain}, a product, and a broken file`,
  );

  // The product reaches the catalog from the repository as any does.
  await waitForProductInCatalog(request, await guestToken(request), product);

  await page.goto(`/catalog/default/dataproduct/${product}`);
  await page.getByRole('button', { name: 'Enter' }).click();
  // Live: the page hears of the domain's Kustomization failing.
  const notice = page.getByTestId('gitops-apply');
  await expect(notice).toContainText(
    `Changes to the data products of ${domain} are held back: the file ${broken} could not be applied.`,
    { timeout: 150_000 },
  );
  await expect(notice).toContainText(
    'This product is created once that is fixed.',
  );
  await expect(page.getByTestId('provisioning-state')).toHaveText(
    /Not in the cluster yet/,
  );
  await screenshot(page, 'held-back');

  // Fixing the repository lets the product through, and the notice goes.
  commit({ [broken]: null }, 'Remove the broken file');
  await expect(page.getByTestId('provisioning-state')).not.toHaveText(
    /Not in the cluster yet/,
    { timeout: 120_000 },
  );
  await expect(notice).toHaveCount(0);
  await screenshot(page, 'fixed');
});
