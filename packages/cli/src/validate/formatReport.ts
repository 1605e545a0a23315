import { ValidationProblem, ValidationReport } from './ValidationProblem';

const plural = (count: number, one: string, many = `${one}s`) =>
  `${count.toLocaleString('en-US')} ${count === 1 ? one : many}`;

/** `file:line: message [rule]`: the form editors and CI logs link to the line. */
function problemLine(problem: ValidationProblem): string {
  const where = problem.line ? `${problem.file}:${problem.line}` : problem.file;
  return `${where}: ${problem.message} [${problem.rule}]`;
}

/**
 * The report for a person: each problem on a line of its own, those of
 * one file together and files apart by an empty line, then one line that
 * sums up what was checked and found.
 */
export function formatText(report: ValidationReport): string {
  const blocks: string[][] = [];
  let file: string | undefined;
  for (const problem of report.problems) {
    if (problem.file !== file) {
      blocks.push([]);
      file = problem.file;
    }
    blocks[blocks.length - 1].push(problemLine(problem));
  }
  // Grants are named only where there are some: most repositories have none yet.
  const grants = report.grants
    ? `, ${plural(report.grants, 'valid access grant')}`
    : '';
  const checked = `Checked ${plural(report.files, 'file')}: ${plural(
    report.products,
    'valid data product',
  )}, ${plural(report.domains, 'valid domain')}${grants}.`;
  const summary =
    report.problems.length === 0
      ? `${checked} No problems found.`
      : `${checked} ${plural(report.problems.length, 'problem')} in ${plural(
          blocks.length,
          'file',
        )}.`;
  return [...blocks.map(lines => lines.join('\n')), summary].join('\n\n');
}

/** The report for a machine: `{ problems: [{ file, line?, rule, message }], files, products, domains, grants }`. */
export function formatJson(report: ValidationReport): string {
  return JSON.stringify(
    {
      problems: report.problems.map(({ file, line, rule, message }) => ({
        file,
        ...(line ? { line } : {}),
        rule,
        message,
      })),
      files: report.files,
      products: report.products,
      domains: report.domains,
      grants: report.grants,
    },
    null,
    2,
  );
}
