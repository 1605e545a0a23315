import { existsSync } from 'fs';
import path from 'path';
import { repoRoot } from './paths';

/** The real CRDs of the GCP provider, kept beside the repository, never in it. */
export const SHARED_CRDS = path.join(
  repoRoot,
  '..',
  'shared',
  'crds',
  'provider-gcp-v2.6.0',
);

const sharedCrds = existsSync(SHARED_CRDS);

/** `describe` when the shared CRDs are there, else a skip that says why. */
export const describeWithSharedCrds = sharedCrds ? describe : describe.skip;

/** What a suite's title adds when the shared CRDs are missing. */
export const sharedNote = sharedCrds
  ? ''
  : ' (skipped: no ../shared/crds/provider-gcp-v2.6.0 beside the repository)';

/** The real CRDs of Crossplane's provider-http, whose Requests Fivetran's connections are. */
export const PROVIDER_HTTP_CRDS = path.join(
  repoRoot,
  '..',
  'shared',
  'crds',
  'provider-http-v1.0.14',
);

const providerHttpCrds = existsSync(PROVIDER_HTTP_CRDS);

/** `describe` when provider-http's CRDs are there, else a skip that says why. */
export const describeWithProviderHttpCrds = providerHttpCrds
  ? describe
  : describe.skip;

/** What a suite's title adds when provider-http's CRDs are missing. */
export const providerHttpNote = providerHttpCrds
  ? ''
  : ' (skipped: no ../shared/crds/provider-http-v1.0.14 beside the repository)';
