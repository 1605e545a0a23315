import { DEFAULT_ACCESS_POLICY, MedallionLayer } from '../constants';
import { AccessPolicy, DataAccess, PlatformConfig } from '../model/types';
import { Problem } from '../validation/Problem';
import { expiryProblem } from './accessExpiry';

/** The layer a grant is for: `curated` when it names none. */
export function layerOf(grant: DataAccess): MedallionLayer {
  return grant.spec.layer ?? 'curated';
}

/** The platform's rules for grants, its defaults where it says nothing. */
export function accessPolicyOf(platform?: Pick<PlatformConfig, 'access'>) {
  return {
    shareableLayers:
      platform?.access?.shareableLayers ??
      DEFAULT_ACCESS_POLICY.shareableLayers,
    maxDays: platform?.access?.maxDays ?? DEFAULT_ACCESS_POLICY.maxDays,
  } satisfies AccessPolicy;
}

/**
 * What the platform's rules refuse in a valid grant at `now`: a layer it
 * does not share, or an expiry further ahead than it allows. A grant whose
 * expiry has passed is not refused here: it has ended (see hasEnded).
 */
export function accessPolicyProblems(
  grant: DataAccess,
  policy: AccessPolicy,
  now: Date,
): Problem[] {
  const problems: Problem[] = [];
  const layer = layerOf(grant);
  if (!policy.shareableLayers.includes(layer)) {
    const shared = policy.shareableLayers;
    problems.push({
      path: 'spec.layer',
      message: `The ${layer} layer of a data product is not shared on this platform: ${
        shared.length
          ? `ask for the ${shared.join(' or ')} layer instead`
          : 'no layer is'
      }, or ask the platform team to share the ${layer} layer.`,
    });
  }
  const expiry = expiryProblem(grant.spec.expires, now, policy.maxDays);
  if (expiry) {
    problems.push({ path: 'spec.expires', message: expiry });
  }
  return problems;
}
