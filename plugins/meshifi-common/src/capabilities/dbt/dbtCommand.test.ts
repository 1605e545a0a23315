import fc from 'fast-check';
import {
  DBT_COMMAND_PATTERN,
  dbtCommandProblem,
  parseDbtCommand,
} from './dbtCommand';
import { hostileText, unsafeParts } from './__testUtils__/dbtFixtures';

const SUBCOMMAND_FIRST =
  /^(build|run|test|seed|snapshot|source freshness)( |$)/;

describe('parseDbtCommand', () => {
  it.each([
    ['dbt build', ['build']],
    ['dbt run', ['run']],
    ['dbt test', ['test']],
    ['dbt seed --full-refresh', ['seed', '--full-refresh']],
    ['dbt snapshot', ['snapshot']],
    ['dbt source freshness', ['source', 'freshness']],
    [
      'dbt build --select tag:daily +orders path:models/marts',
      ['build', '--select', 'tag:daily', '+orders', 'path:models/marts'],
    ],
    [
      'dbt run -s orders --exclude config.materialized:view -x',
      [
        'run',
        '--select',
        'orders',
        '--exclude',
        'config.materialized:view',
        '--fail-fast',
      ],
    ],
    ['dbt build --select=orders', ['build', '--select', 'orders']],
    ['dbt build --selector nightly', ['build', '--selector', 'nightly']],
    ['dbt  build   --select  a,b', ['build', '--select', 'a,b']],
  ])('reads %j as dbt %j', (command, args) => {
    expect(parseDbtCommand(command)).toEqual({
      ok: true,
      subcommand: args[0] === 'source' ? 'source freshness' : args[0],
      args,
    });
  });

  it.each([
    ['', 'Give the dbt command'],
    ['dbt', 'Say what dbt should do'],
    ['dbt deps', 'dbt deps is not run on a schedule here'],
    ['dbt run-operation drop_all', 'is not run on a schedule here'],
    ['dbt source', 'is not run on a schedule here'],
    ['dbt build; rm -rf /', 'characters dbt selections never need'],
    ['dbt build --select $(id)', 'characters dbt selections never need'],
    ['dbt build --select "orders"', 'characters dbt selections never need'],
    ['dbt build --select models/*', 'characters dbt selections never need'],
    ['dbt build\n--select orders', 'characters dbt selections never need'],
    ['python -c x', 'Start the command with dbt'],
    ['bash build', 'Start the command with dbt'],
    ['dbt build --vars x', '"--vars" is not an option'],
    ['dbt build --profiles-dir /etc', '"--profiles-dir" is not an option'],
    ['dbt build --target owner', '"--target" is not an option'],
    ['dbt build --select', 'Give --select what to pick'],
    ['dbt build --selector a b', 'the name of one selector'],
    ['dbt build --select path:../other', 'has ".."'],
    ['dbt test --full-refresh', 'dbt test has no --full-refresh'],
    ['dbt source freshness -x', 'has no --fail-fast'],
    ['dbt build -s a --select b', 'is in the command twice'],
    ['dbt build a=b', '"=" may only join an option'],
    [`dbt build --select ${'a'.repeat(500)}`, 'keep it to 500'],
  ])('refuses %j, saying %s', (command, words) => {
    const parsed = parseDbtCommand(command);
    expect(parsed.ok).toBe(false);
    expect(parsed.ok ? '' : parsed.message).toContain(words);
  });

  it('never throws, and nothing it lets through holds a shell metacharacter or ".."', () => {
    const pattern = new RegExp(DBT_COMMAND_PATTERN);
    fc.assert(
      fc.property(fc.oneof(hostileText, fc.anything()), command => {
        const parsed = parseDbtCommand(command);
        // The problem is the parser's message, or none when it reads the command.
        expect(dbtCommandProblem(command)).toBe(
          parsed.ok ? undefined : parsed.message,
        );
        const args = parsed.ok ? parsed.args : [];
        expect(args.flatMap(unsafeParts)).toEqual([]);
        expect(args).not.toContain('');
        // What the parser reads, the schema lets through, and the reverse
        // need not hold: the parser is the stricter.
        expect(!parsed.ok || pattern.test(command as string)).toBe(true);
        // The first words are the subcommand, never an option.
        expect(!parsed.ok || SUBCOMMAND_FIRST.test(args.join(' '))).toBe(true);
      }),
      { numRuns: 10000 },
    );
  });

  it('lets through only the allowed options, whatever words are put together', () => {
    const allowed = [
      '--select',
      '--exclude',
      '--selector',
      '--full-refresh',
      '--fail-fast',
    ];
    fc.assert(
      fc.property(hostileText, command => {
        const parsed = parseDbtCommand(command);
        const options = (parsed.ok ? parsed.args : []).filter(arg =>
          arg.startsWith('-'),
        );
        expect(options.filter(option => !allowed.includes(option))).toEqual([]);
      }),
      { numRuns: 10000 },
    );
  });
});
