import { execFile } from 'child_process';
import path from 'path';
import { promisify } from 'util';

/** Why the dbt tests do not run, for the skip message and the CI failure. */
const NO_DBT =
  'MESHIFI_DBT is not set: the dbt tests need dbt with its BigQuery and DuckDB adapters. Run them through ./meshifi test, or run `source scripts/lib/dbt.sh && ensure_dbt` and export MESHIFI_DBT.';

/**
 * The dbt program `./meshifi test` installs (scripts/lib/dbt.sh exports it
 * as MESHIFI_DBT), or undefined: then the dbt tests are skipped, with a
 * message. Under CI (CI=true) they must run: a missing dbt is an error.
 */
export function dbtProgram(): string | undefined {
  const dbt = process.env.MESHIFI_DBT;
  if (dbt) {
    return dbt;
  }
  if (process.env.CI === 'true') {
    throw new Error(`CI=true but ${NO_DBT}`);
  }
  // eslint-disable-next-line no-console
  console.warn(`Skipping the dbt tests: ${NO_DBT}`);
  return undefined;
}

/** What a dbt command did. */
export interface DbtRun {
  /** What dbt printed, for the failure message of a test. */
  output: string;
  seconds: number;
}

/**
 * Runs dbt in a project folder with these environment variables on top of
 * the test's, without usage tracking or version checks (no network), and
 * fails with what dbt printed when it fails.
 */
export async function runDbt(
  dbt: string,
  args: string[],
  options: { cwd: string; env?: Record<string, string> },
): Promise<DbtRun> {
  const started = Date.now();
  try {
    const { stdout, stderr } = await promisify(execFile)(dbt, args, {
      cwd: options.cwd,
      env: {
        ...process.env,
        DO_NOT_TRACK: '1',
        DBT_SEND_ANONYMOUS_USAGE_STATS: 'false',
        DBT_VERSION_CHECK: 'false',
        DBT_USE_COLORS: 'false',
        ...options.env,
      },
      timeout: 180_000,
      maxBuffer: 16 * 1024 * 1024,
    });
    return {
      output: stdout + stderr,
      seconds: (Date.now() - started) / 1000,
    };
  } catch (error) {
    const failed = error as { stdout?: string; stderr?: string };
    throw new Error(
      `dbt ${args.join(' ')} failed in ${options.cwd}:\n${failed.stdout ?? ''}${
        failed.stderr ?? ''
      }`,
    );
  }
}

/**
 * Runs SQL on a DuckDB database file with the duckdb module of dbt's own
 * Python environment (dbt-duckdb's), and gives the rows of the last
 * statement as JSON values.
 */
export async function duckdb(
  dbt: string,
  database: string,
  statements: string[],
): Promise<unknown[][]> {
  const python = path.join(path.dirname(dbt), 'python');
  const script = [
    'import duckdb, json, sys',
    'statements = json.load(sys.stdin)',
    'connection = duckdb.connect(sys.argv[1])',
    'rows = []',
    'for statement in statements:',
    '    rows = connection.execute(statement).fetchall()',
    'print(json.dumps(rows, default=str))',
  ].join('\n');
  const child = promisify(execFile)(python, ['-c', script, database], {
    timeout: 60_000,
  });
  child.child.stdin!.end(JSON.stringify(statements));
  const { stdout } = await child;
  return JSON.parse(stdout);
}
