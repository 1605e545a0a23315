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

/**
 * Text from the repository's files as inert Markdown: no link, image,
 * HTML, table cell or heading can be smuggled into a pull request's comment.
 */
export function escapeMarkdown(text: string): string {
  return printablePath(text).replace(/[\\`*_[\]<>!|~&]/g, c => `\\${c}`);
}

const code = (text: string) => `\`${printablePath(text).replace(/`/g, "'")}\``;

function productSection(p: ChangePlan['products'][number]): string[] {
  const rows = [
    ...p.delete.map(r => `| ➖ delete | ${escapeMarkdown(r.summary)} |`),
    ...p.create.map(r => `| ➕ create | ${escapeMarkdown(r.summary)} |`),
    ...p.change.map(
      r =>
        `| ✏️ change | ${escapeMarkdown(r.summary)}: ${escapeMarkdown(
          describeChange(r),
        )} |`,
    ),
  ];
  const lines = [
    `### Data product ${code(p.product)}${
      p.domain ? ` (domain ${code(p.domain)})` : ''
    }`,
    '',
    `File: ${code(p.file)}`,
    '',
  ];
  if (rows.length > 0) {
    lines.push('| | Resource in Google Cloud |', '| --- | --- |', ...rows, '');
  } else if (p.problems.length === 0) {
    lines.push('Nothing changes in Google Cloud.', '');
  }
  for (const problem of p.problems) {
    lines.push(`> [!WARNING]`, `> ${escapeMarkdown(problem)}`, '');
  }
  return lines;
}

/**
 * A plan as a pull request's comment: a heading, the data-loss warning on
 * top, then a table per product. Everything that comes from a file is
 * escaped.
 */
export function formatPlanMarkdown(report: PlanReport): string {
  const lines: string[] = ['## meshifi plan', ''];
  if (report.dataLoss.length > 0) {
    lines.push('> [!CAUTION]', `> **${dataLossHeadline(report)}**`, '>');
    for (const loss of report.dataLoss) {
      lines.push(
        `> - ${code(loss.dataset)}${
          loss.project ? ` in project ${code(loss.project)}` : ''
        }, of the data product ${code(loss.product)}`,
      );
    }
    lines.push('>', `> ${DATA_LOSS_EXPLANATION}`, '');
  }
  lines.push(
    `What merging this change does in Google Cloud, against ${escapeMarkdown(
      report.base.description,
    )}.`,
    '',
  );
  if (report.products.length === 0 && report.domains.length === 0) {
    lines.push('No change in Google Cloud: no data product or domain differs.');
    return `${lines.join('\n')}\n`;
  }
  for (const product of report.products) {
    lines.push(...productSection(product));
  }
  for (const domain of report.domains) {
    lines.push(
      `- Domain ${code(domain.domain)} (${code(domain.file)}): ${
        DOMAIN_ACTION_WORDS[domain.action]
      }`,
    );
  }
  if (report.domains.length > 0) {
    lines.push('');
  }
  lines.push(`**${describeTotals(report)}**`);
  return `${lines.join('\n')}\n`;
}
