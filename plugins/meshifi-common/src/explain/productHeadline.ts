import {
  ProvisionedResource,
  ProvisioningReport,
} from '../status/provisioningReport';
import {
  explainProviderFailure,
  FailureExplanation,
} from './explainProviderFailure';
import { resourcePurpose } from './resourcePurpose';

/** The answer to "can I use my data product?", in one line. */
export type ProductHeadline =
  | { verdict: 'ready'; text: string }
  | { verdict: 'not-yet'; text: string }
  | {
      verdict: 'blocked';
      text: string;
      /** The first failure, explained: who to ask, and the raw details. */
      failure: FailureExplanation;
    }
  | { verdict: 'unknown'; text: string };

/**
 * One line on top of the product's page: "Ready: write to orders_raw as
 * dp-orders@…; query in acme-sales-data", "Not yet: 2 of 10 resources are
 * being created (usually under a minute)", or "Blocked: …" with what
 * Google Cloud refused and why, in the analyst's words.
 */
export function productHeadline(report: ProvisioningReport): ProductHeadline {
  const failing = report.resources.find(resource => resource.problem);
  if (failing) {
    return blocked(failing);
  }
  switch (report.state) {
    case 'ready':
      return { verdict: 'ready', text: readyLine(report.resources) };
    case 'pending':
    case 'provisioning':
    case 'degraded':
    case 'failed':
      return { verdict: 'not-yet', text: notYetLine(report) };
    case 'not-in-cluster':
      // A file that cannot be applied keeps the product out until it is fixed.
      if (
        report.gitopsApply?.state === 'file-failed' ||
        report.gitopsApply?.state === 'held-back'
      ) {
        return {
          verdict: 'not-yet',
          text: 'Not yet: it is saved, but the platform cannot apply it until a file in the GitOps repository is fixed.',
        };
      }
      return {
        verdict: 'not-yet',
        text: 'Not yet: it is saved, and the platform will pick it up shortly (usually within a minute).',
      };
    default:
      return { verdict: 'unknown', text: report.reason };
  }
}

function blocked(resource: ProvisionedResource): ProductHeadline {
  const failure = explainProviderFailure(resource.problem!.message, {
    what: resourcePurpose({ ...resource, member: resource.details.member }),
    project: resource.details.project,
    location: resource.details.location,
    member: resource.details.member,
  });
  return {
    verdict: 'blocked',
    text: `Blocked: ${failure.happened}`,
    failure,
  };
}

function readyLine(resources: ProvisionedResource[]): string {
  const raw = resources.find(
    r => r.role === 'dataset' && r.layer === 'raw',
  )?.details;
  const account = resources.find(r => r.role === 'service-account')?.details;
  const writeTo = raw?.datasetId ? ` write to ${raw.datasetId}` : '';
  const as = account?.email ? ` as ${account.email}` : '';
  const queryIn = raw?.project ? `; query in ${raw.project}` : '';
  return writeTo || as || queryIn
    ? `Ready:${writeTo}${as}${queryIn}`
    : 'Ready: everything the product needs exists in Google Cloud.';
}

function notYetLine(report: ProvisioningReport): string {
  const total = report.resources.length + report.missing.length;
  const waiting = report.resources.filter(r => !r.ready).length;
  const pending = waiting + report.missing.length;
  if (total === 0 || pending === 0) {
    return 'Not yet: Crossplane is putting the product together (usually under a minute).';
  }
  return `Not yet: ${pending} of ${total} resources ${
    pending === 1 ? 'is' : 'are'
  } being created (usually under a minute).`;
}
