import { InputError } from '@backstage/errors';
import { Capability } from '../capabilities/Capability';
import { PlatformConfig } from '../model/types';
import { Problem, ValidationError } from '../validation/Problem';
import {
  capabilitySettingsOf,
  unsetCapabilityMessage,
} from './capabilitySettings';

/** The specs the capability pages' answers ask for, and what keeps them from being used. */
export interface CapabilitiesFromAnswers {
  /** spec.capabilities: only the capabilities the analyst turned on. */
  specs: Record<string, unknown>;
  problems: Problem[];
}

/** The problems a capability's fromAnswers refused the answers with. */
function refusedAnswers(capability: Capability, thrown: unknown): Problem[] {
  if (thrown instanceof ValidationError) {
    return thrown.problems;
  }
  if (thrown instanceof InputError) {
    return [
      { path: `spec.capabilities.${capability.name}`, message: thrown.message },
    ];
  }
  throw thrown;
}

/**
 * spec.capabilities from the Create form's capability pages: each page's
 * answers (under the capability's name) through the capability's
 * form.fromAnswers, given the product, its domain and the platform's
 * settings of the capability. Answers for a capability meshifi does not
 * have are a problem, as they come from a template out of step with it.
 *
 * A capability the platform has not set up is a problem only when the
 * analyst turned it on; then it replaces what fromAnswers said without the
 * settings, which follows from it.
 */
export function capabilitiesFromAnswers(input: {
  answers: Record<string, unknown>;
  product: string;
  domain?: string;
  platform: PlatformConfig;
  capabilities: readonly Capability[];
}): CapabilitiesFromAnswers {
  const { answers, product, domain, platform, capabilities } = input;
  const specs: Record<string, unknown> = {};
  const problems: Problem[] = [];
  for (const [name, answer] of Object.entries(answers)) {
    // A page the analyst never opened: the template gives nothing, or ''.
    if (answer === undefined || answer === null || answer === '') {
      continue;
    }
    const capability = capabilities.find(c => c.name === name);
    if (!capability) {
      problems.push({
        path: 'spec.capabilities',
        message: `The form answered for "${name}", which is not something a data product can have here (${
          capabilities.map(c => c.title).join(', ') || 'none yet'
        }): ask the platform team to update the template.`,
      });
      continue;
    }
    const read = capabilitySettingsOf(capability, platform);
    const target = {
      product,
      ...(domain ? { domain } : {}),
      ...(read.ok ? { settings: read.settings } : {}),
    };
    let spec: unknown;
    let refused: Problem[] = [];
    try {
      spec = capability.form.fromAnswers(answer, target);
    } catch (thrown) {
      refused = refusedAnswers(capability, thrown);
    }
    if (spec === undefined && refused.length === 0) {
      continue;
    }
    if (!read.ok) {
      problems.push({
        path: `spec.capabilities.${name}`,
        message: unsetCapabilityMessage(capability, read.message),
      });
      continue;
    }
    problems.push(...refused);
    if (spec !== undefined) {
      specs[name] = spec;
    }
  }
  return { specs, problems };
}
