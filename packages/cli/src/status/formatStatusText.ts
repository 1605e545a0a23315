import {
  eventsThatMatter,
  explainProviderFailure,
  FailureExplanation,
  FailureFixer,
  gitopsApplySentence,
  productHeadline,
  ProvisionedResource,
  ProvisioningReport,
  ProvisioningState,
  resourcePurpose,
  STATE_LABELS,
} from '@meshifi/common';

/** While the product is being created its progress is news; after, it is stale. */
const BEING_CREATED: ProvisioningState[] = ['pending', 'provisioning'];

/** Who owns the product's domain, for "ask …": its name and owner, when known. */
export interface DomainContext {
  name?: string;
  /** The DataDomain's owner, e.g. group:default/sales-team. */
  owner?: string;
}

/**
 * Whom to ask, in the page's words ("Ask the owners of the domain sales
 * (group:default/sales-team)."). Not for the platform team: the page links
 * its group, which the CLI does not know, and what to do already says to ask
 * it.
 */
function whoToAsk(
  fixer: FailureFixer,
  domain: DomainContext,
): string | undefined {
  if (fixer === 'platform-team' || fixer === 'nobody') {
    return undefined;
  }
  const owners = domain.name
    ? `the owners of the domain ${domain.name}${
        domain.owner ? ` (${domain.owner})` : ''
      }`
    : "your domain's owners";
  return fixer === 'you' ? `If unsure, ask ${owners}.` : `Ask ${owners}.`;
}

const INDENT = '    ';

/** A resource's state, as the page's state column says it. */
function resourceState(resource: ProvisionedResource): string {
  if (resource.problem) {
    return 'Failing';
  }
  return resource.ready ? 'Ready' : 'Being created';
}

/** What a resource is, in words: what it is for, and which one. */
function resourceInWords(resource: ProvisionedResource): string {
  const purpose = resourcePurpose({
    ...resource,
    member: resource.details.member,
  });
  const which =
    resource.summary ??
    resource.details.email ??
    resource.details.datasetId ??
    resource.externalName ??
    resource.name;
  return `${purpose}: ${which}`;
}

/** A failure as the page explains it: what happened, then what to do and whom to ask. */
function explained(
  failure: FailureExplanation,
  domain: DomainContext,
  headline?: string,
): string[] {
  const ask = whoToAsk(failure.fixer, domain);
  return [
    headline ?? failure.happened,
    `${failure.toDo}${ask ? ` ${ask}` : ''}`,
  ];
}

function failureOf(resource: ProvisionedResource): FailureExplanation {
  return explainProviderFailure(resource.problem!.message, {
    what: resourcePurpose({ ...resource, member: resource.details.member }),
    project: resource.details.project,
    location: resource.details.location,
    member: resource.details.member,
  });
}

function resourceLines(
  resource: ProvisionedResource,
  domain: DomainContext,
): string[] {
  const state = resourceState(resource).padEnd('Being created'.length);
  const lines = [`  ${state}  ${resourceInWords(resource)}`];
  if (resource.problem) {
    const failure = failureOf(resource);
    lines.push(
      ...[
        ...explained(failure, domain),
        // The provider's own words, for the platform engineer (the page's Details).
        `Details: ${failure.details}`,
      ].map(line => `${INDENT}${line}`),
    );
  }
  return lines;
}

/**
 * A product's report as an analyst reads it in a terminal, in the order of
 * the product's page: the headline ("Ready: write to …", "Blocked: …"), the
 * state and its reason, each resource (what it is for, its state, and when
 * it fails, the provider's reason explained), what is not created yet, and
 * the news.
 */
export function formatStatusText(
  report: ProvisioningReport,
  domain: DomainContext = { name: report.xr?.namespace },
): string {
  const headline = productHeadline(report);
  const lines: string[] = [];
  const where = report.xr?.namespace
    ? ` in the domain ${report.xr.namespace}`
    : '';
  lines.push(
    `${report.xr?.name ?? 'The product'}${where}: ${
      STATE_LABELS[report.state]
    }`,
  );
  if (headline.verdict === 'blocked') {
    lines.push(...explained(headline.failure, domain, headline.text));
  } else {
    lines.push(headline.text);
    if (headline.text !== report.reason) {
      lines.push(report.reason);
    }
  }
  // The product is in the cluster: it keeps what was last applied.
  const notApplied = gitopsApplySentence(report.gitopsApply, true);
  if (notApplied) {
    lines.push(`! ${notApplied}`);
  }
  if (report.resources.length > 0) {
    lines.push('', 'Resources');
    for (const resource of report.resources) {
      lines.push(...resourceLines(resource, domain));
    }
  }
  if (report.missing.length > 0) {
    lines.push('', 'Not created yet');
    for (const resource of report.missing) {
      lines.push(`  - ${resource.summary}`);
    }
  }
  const news = eventsThatMatter(report.events, {
    inProgress: BEING_CREATED.includes(report.state),
    resources: report.resources,
  });
  lines.push('', 'News');
  if (news.length === 0) {
    lines.push('  No news.');
  }
  for (const group of news) {
    const times = group.count > 1 ? `, ${group.count} times` : '';
    lines.push(
      `  ${group.type === 'Warning' ? '! ' : ''}${
        group.message
      } (${group.about.join(', ')}${times})`,
    );
  }
  const clusters = report.clusters.map(c => c.name).join(', ');
  lines.push(
    '',
    `As of ${report.observedAt}${clusters ? ` · cluster ${clusters}` : ''}`,
  );
  return `${lines.join('\n')}\n`;
}
