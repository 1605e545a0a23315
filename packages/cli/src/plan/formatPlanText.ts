import { printablePath } from '@meshifi/common';
import { ChangePlan } from './planChange';
import {
  DATA_LOSS_EXPLANATION,
  dataLossHeadline,
  describeChange,
  describeTotals,
  DOMAIN_ACTION_WORDS,
  PlanReport,
} from './planReport';

const productHeading = (p: ChangePlan['products'][number]) =>
  `Data product ${p.product}${p.domain ? ` (domain ${p.domain})` : ''}: ${
    p.file
  }`;

/**
 * A plan for a person at a terminal: data loss first and loudly, then each
 * product's resources, `+` created, `~` changed, `-` deleted, `!` what
 * could not be planned. Every line is one line, whatever the files hold.
 */
export function formatPlanText(report: PlanReport): string {
  const lines: string[] = [
    'meshifi plan: what merging this change does in Google Cloud',
    `Compared: the working tree (uncommitted files included) with ${report.base.description}.`,
    '',
  ];
  if (report.dataLoss.length > 0) {
    lines.push(`!!! ${dataLossHeadline(report)}`);
    for (const loss of report.dataLoss) {
      lines.push(
        `!!!   - ${loss.dataset}${
          loss.project ? ` in project ${loss.project}` : ''
        }, of the data product ${loss.product} (${loss.file})`,
      );
    }
    lines.push(`!!! ${DATA_LOSS_EXPLANATION}`, '');
  }
  if (report.products.length === 0 && report.domains.length === 0) {
    lines.push('No change in Google Cloud: no data product or domain differs.');
    return `${lines.map(printablePath).join('\n')}\n`;
  }
  for (const product of report.products) {
    lines.push(productHeading(product));
    lines.push(...product.delete.map(r => `  - ${r.summary}`));
    lines.push(...product.create.map(r => `  + ${r.summary}`));
    lines.push(
      ...product.change.map(r => `  ~ ${r.summary}: ${describeChange(r)}`),
    );
    lines.push(...product.problems.map(problem => `  ! ${problem}`));
    if (
      product.create.length + product.change.length + product.delete.length ===
        0 &&
      product.problems.length === 0
    ) {
      lines.push('  nothing changes in Google Cloud');
    }
    lines.push('');
  }
  for (const domain of report.domains) {
    lines.push(
      `Domain ${domain.domain} (${domain.file}): ${
        DOMAIN_ACTION_WORDS[domain.action]
      }`,
    );
  }
  if (report.domains.length > 0) {
    lines.push('');
  }
  lines.push(describeTotals(report));
  return `${lines.map(printablePath).join('\n')}\n`;
}
