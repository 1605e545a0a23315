import fc from 'fast-check';
import type { BenchmarkResults, Figure } from './figures';
import { RunOutcome, summaryTable } from './summaryTable';

const HEADER = ['benchmark', 'figure', 'meshifi', 'baseline', 'ratio', 'goal'];
/** meshifi, baseline and ratio are numbers: right-aligned. */
const RIGHT_ALIGNED = [2, 3, 4];

function resultsOf(benchmark: string, figures: Figure[]): BenchmarkResults {
  return {
    benchmark,
    run: '20261202T000000Z',
    mode: 'quick',
    startedAt: '2026-12-02T00:00:00.000Z',
    durationSeconds: 60,
    machine: { cpus: 2, loadAverage: [1, 1, 1] },
    sizes: { products: 1_000 },
    figures,
  };
}

const ran = (benchmark: string, ...figures: Figure[]): RunOutcome => ({
  benchmark,
  results: resultsOf(benchmark, figures),
});

/**
 * Where each column of a table stands: the runs of dashes under its header.
 */
function columnsOf(table: string[]) {
  return [...table[1].matchAll(/-+/g)].map(m => ({
    start: m.index!,
    end: m.index! + m[0].length,
  }));
}

/** A line of the table cut into its cells, spaces kept. */
const paddedCellsOf = (table: string[], line: string) =>
  columnsOf(table).map(c => line.slice(c.start, c.end));

/** A line of the table cut into its cells, trimmed. */
const cellsOf = (table: string[], line: string) =>
  paddedCellsOf(table, line).map(c => c.trim());

/** The data rows of a table, as cells. */
const rowsOf = (table: string[]) =>
  table.slice(2).map(line => cellsOf(table, line));

/**
 * Where a table is not aligned, one sentence a place: every cell must sit
 * in its column (text columns start at its left edge, number columns end at
 * its right edge), two spaces part the columns, and no line runs past the
 * dashes under the header.
 */
function misalignmentsOf(table: string[]): string[] {
  const columns = columnsOf(table);
  const found: string[] = [];
  if (cellsOf(table, table[0]).join('|') !== HEADER.join('|')) {
    found.push(`header is ${JSON.stringify(table[0])}`);
  }
  table.forEach((line, n) => {
    if (line.length > table[1].length) {
      found.push(`line ${n} runs past the dashes`);
    }
    columns.slice(1).forEach((column, i) => {
      const gap = line.slice(columns[i].end, column.start);
      // A shorter gap is a line that ends before the column.
      if (column.start - columns[i].end !== 2 || !/^ {0,2}$/.test(gap)) {
        found.push(
          `line ${n}: columns ${i} and ${i + 1} are not parted by two spaces`,
        );
      }
    });
    paddedCellsOf(table, line).forEach((cell, i) => {
      const right = RIGHT_ALIGNED.includes(i);
      if (cell.trim() !== '' && !(right ? /\S$/ : /^\S/).test(cell)) {
        found.push(
          `line ${n}: ${JSON.stringify(cell)} is not ${
            right ? 'right' : 'left'
          }-aligned in column ${i}`,
        );
      }
    });
  });
  return found;
}

describe('summaryTable', () => {
  it('shows a figure with its baseline and their ratio', () => {
    const table = summaryTable([
      ran('publish', {
        figure: 'time to merged',
        unit: 's',
        meshifi: 3,
        baseline: 1.5,
        baselineIs: 'a plain git push',
      }),
    ]);
    expect(rowsOf(table)).toEqual([
      [
        'publish',
        'time to merged (baseline: a plain git push)',
        '3.00 s',
        '1.50 s',
        '2.00x',
        '',
      ],
    ]);
  });

  it('marks a ratio goal met or not met', () => {
    const ingest = (meshifi: number): Figure => ({
      figure: 'ingest per entity',
      unit: 'ms',
      meshifi,
      baseline: 10,
      goal: { ratioAtMost: 1.1 },
    });
    const table = summaryTable([
      ran('catalog-ingest', ingest(11), ingest(13.6)),
    ]);
    expect(rowsOf(table).map(r => r.slice(2))).toEqual([
      ['11.0 ms', '10.0 ms', '1.10x', 'ratio ≤ 1.1x: met'],
      ['13.6 ms', '10.0 ms', '1.36x', 'ratio ≤ 1.1x: NOT met'],
    ]);
  });

  it('marks a bound on the value met or not met, with its unit', () => {
    const ready = (meshifi: number): Figure => ({
      figure: 'time to ready, p95',
      unit: 's',
      meshifi,
      goal: { atMost: 30 },
    });
    const table = summaryTable([ran('time-to-product', ready(30), ready(31))]);
    expect(rowsOf(table).map(r => r[5])).toEqual([
      '≤ 30.00 s: met',
      '≤ 30.00 s: NOT met',
    ]);
  });

  it('leaves the ratio empty without a baseline, or with a baseline of 0, and a ratio goal is then not met', () => {
    const table = summaryTable([
      ran(
        'live-status',
        {
          figure: 'signals per change',
          unit: 'calls',
          meshifi: 1,
          goal: { ratioAtMost: 1 },
        },
        { figure: 'requests', unit: 'requests/min', meshifi: 2, baseline: 0 },
        { figure: 'not measured', unit: 'ms', meshifi: NaN },
      ),
    ]);
    expect(rowsOf(table).map(r => r.slice(2))).toEqual([
      ['1.00 calls', '–', '', 'ratio ≤ 1x: NOT met'],
      ['2.0 requests/min', '0.0 requests/min', '', ''],
      ['–', '–', '', ''],
    ]);
  });

  it('shows a benchmark that failed, in its place among the others', () => {
    const figure: Figure = { figure: 'merge', unit: 'ms', meshifi: 5 };
    const table = summaryTable([
      ran('catalog-ingest', figure),
      {
        benchmark: 'provisioning',
        failed: 'failed (exit code 1): see its output',
      },
      ran('publish', figure),
    ]);
    expect(rowsOf(table)).toEqual([
      ['catalog-ingest', 'merge', '5.0 ms', '–', '', ''],
      ['provisioning', 'failed (exit code 1): see its output', '', '', '', ''],
      ['publish', 'merge', '5.0 ms', '–', '', ''],
    ]);
  });

  it('keeps the columns aligned under long names', () => {
    const table = summaryTable([
      ran(
        'a-benchmark-with-a-much-longer-name-than-the-others',
        {
          figure: 'a figure whose name is longer than every other cell here',
          unit: 'µs',
          meshifi: 123_456,
          baseline: 7,
          baselineIs: 'the plain one',
          goal: { ratioAtMost: 2 },
        },
        { figure: 'short', unit: 'MB', meshifi: 1 },
      ),
      { benchmark: 'x', failed: 'wrote no figures' },
    ]);
    expect(misalignmentsOf(table)).toEqual([]);
    expect(table[2].startsWith('a-benchmark-with-a-much-longer-name')).toBe(
      true,
    );
  });

  it('is only a header without outcomes', () => {
    const table = summaryTable([]);
    expect(table).toHaveLength(2);
    expect(misalignmentsOf(table)).toEqual([]);
  });
});

describe('summaryTable, for any figures', () => {
  const name = fc.stringMatching(/^[a-z0-9]([a-z0-9 ,()%-]{0,60}[a-z0-9)])?$/);
  const positive = fc.double({ min: 1e-3, max: 1e6, noNaN: true });
  const figure: fc.Arbitrary<Figure> = fc.record(
    {
      figure: name,
      unit: fc.constantFrom('ms', 's', 'µs', 'MB', 'calls', 'requests/min'),
      meshifi: positive,
      baseline: positive,
      baselineIs: name,
      goal: fc.oneof(
        fc.record({ atMost: positive }),
        fc.record({ ratioAtMost: positive }),
      ),
    },
    { requiredKeys: ['figure', 'unit', 'meshifi'] },
  );
  const outcome: fc.Arbitrary<RunOutcome> = fc.oneof(
    fc
      .tuple(name, fc.array(figure, { maxLength: 4 }))
      .map(([benchmark, figures]) => ran(benchmark, ...figures)),
    fc.record({ benchmark: name, failed: name }),
  );
  const outcomes = fc.array(outcome, { maxLength: 6 });

  it('has one row a figure, and one a failed benchmark', () => {
    fc.assert(
      fc.property(outcomes, all => {
        const rows = all.flatMap(o =>
          'failed' in o
            ? [[o.benchmark, o.failed]]
            : o.results.figures.map(() => [o.benchmark]),
        );
        const table = summaryTable(all);
        expect(table).toHaveLength(2 + rows.length);
        rowsOf(table).forEach((row, i) => {
          expect(row.slice(0, rows[i].length)).toEqual(rows[i]);
        });
      }),
    );
  });

  it('shows the ratio meshifi / baseline to two decimals', () => {
    fc.assert(
      fc.property(positive, positive, (meshifi, baseline) => {
        const [row] = rowsOf(
          summaryTable([
            ran('b', { figure: 'f', unit: 'ms', meshifi, baseline }),
          ]),
        );
        expect(row[4]).toMatch(/^\d+\.\d\dx$/);
        // Rounded to two decimals: off by half a hundredth at most.
        expect(
          Math.abs(parseFloat(row[4]) - meshifi / baseline),
        ).toBeLessThanOrEqual(0.005 + 1e-9);
      }),
    );
  });

  it('keeps every cell in its column', () => {
    fc.assert(
      fc.property(outcomes, all => {
        expect(misalignmentsOf(summaryTable(all))).toEqual([]);
      }),
    );
  });
});
