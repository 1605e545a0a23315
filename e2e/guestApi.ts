import { APIRequestContext, expect } from '@playwright/test';

/** The guest's token, for the backend's APIs the browser tests read directly. */
export async function guestToken(request: APIRequestContext): Promise<string> {
  const { backstageIdentity } = await (
    await request.get('/api/auth/guest/refresh')
  ).json();
  return backstageIdentity.token;
}

/**
 * Until the catalog has the data product: the GitOps provider picks a
 * commit up on its next refresh, without a restart.
 */
export async function waitForProductInCatalog(
  request: APIRequestContext,
  token: string,
  name: string,
) {
  await expect
    .poll(
      async () =>
        (
          await request.get(
            `/api/catalog/entities/by-name/dataproduct/default/${name}`,
            { headers: { Authorization: `Bearer ${token}` } },
          )
        ).status(),
      { timeout: 90_000, intervals: [1_000] },
    )
    .toBe(200);
}
