import { isUnderPrefix, repositoryProblem } from './gitRepository';

/** The platform's settings for dbt (`platform.capabilities.dbt`). */
export type DbtSettings = {
  /** The dbt-bigquery image the CronJob runs the project with. */
  image: string;
  /** The image whose `git` clones the project. */
  gitImage: string;
  /** The GKE cluster's Workload Identity pool: `<cluster project>.svc.id.goog`. */
  workloadIdentityPool: string;
  /** Where "create one for me" puts starter projects, each in `<domain or products>/<product>`. */
  starterRepository?: string;
  /** When set, a product's project repository must be under one of them. */
  repositoryPrefixes?: string[];
  /** The time zone the schedules are read in (an IANA name); the cluster's, usually UTC, when unset. */
  timeZone?: string;
};

/**
 * The settings the package ships: dbt Labs' dbt-bigquery image and a git
 * image, both pinned, and the Workload Identity pool of a cluster in the
 * packaged platform project. A platform overrides them in an
 * EnvironmentConfig under meshifi.platform.capabilities.dbt.
 */
export const PACKAGED_DBT_SETTINGS = {
  image: 'ghcr.io/dbt-labs/dbt-bigquery:1.10.2',
  gitImage: 'alpine/git:2.45.2',
  workloadIdentityPool: 'meshifi-platform.svc.id.goog',
} as const;

/** Where a platform engineer sets these. */
const WHERE =
  "platform.capabilities.dbt (the DataProduct Composition's capability-dbt step, or an EnvironmentConfig under meshifi.platform.capabilities.dbt)";

/**
 * An image reference pinned to a version: `[host[:port]/]path:tag` or
 * `...@sha256:<digest>`, lower-case path as registries require.
 */
const IMAGE =
  /^[a-z0-9]+([._-][a-z0-9]+)*(:[0-9]{1,5})?(\/[a-z0-9]+([._-][a-z0-9]+)*)*(:[A-Za-z0-9_][A-Za-z0-9_.-]{0,127})?(@sha256:[a-f0-9]{64})?$/;

function imageProblem(key: string, value: unknown): string | undefined {
  if (typeof value !== 'string' || value === '') {
    return `Set ${key} to an image reference, for example ${
      PACKAGED_DBT_SETTINGS[key as 'image' | 'gitImage']
    }.`;
  }
  const tag = /:([^/:@]+)(@|$)/.exec(value.replace(/^[^/]*\//, ''))?.[1];
  if (!IMAGE.test(value)) {
    return `${key} "${value}" is not an image reference (registry/name:tag or name@sha256:digest).`;
  }
  if (!value.includes('@sha256:') && (!tag || tag === 'latest')) {
    return `Pin ${key} "${value}" to a version (name:1.2.3 or name@sha256:…), not latest or no tag, so that every run uses the same program until you change it.`;
  }
  return undefined;
}

const POOL = /^[a-z][-a-z0-9]{4,28}[a-z0-9]\.svc\.id\.goog$/;

/** Whether the runtime's time zone database knows the name. */
function isKnownTimeZone(value: string): boolean {
  try {
    return Boolean(
      new Intl.DateTimeFormat('en', { timeZone: value }).resolvedOptions()
        .timeZone,
    );
  } catch {
    return false;
  }
}

function timeZoneProblem(value: string): string | undefined {
  // Intl also accepts offsets such as +01:00, which a CronJob does not.
  return isKnownTimeZone(value) && /^[A-Za-z][A-Za-z0-9_+/-]*$/.test(value)
    ? undefined
    : `timeZone "${value}" is not a time zone name: use one of the IANA database, such as Europe/Paris or UTC.`;
}

/** An optional text setting: absent or empty reads as not set. */
function optionalText(value: unknown): string | undefined | null {
  if (value === undefined || value === null || value === '') {
    return undefined;
  }
  return typeof value === 'string' ? value : null;
}

/**
 * The platform's dbt settings from their raw form. Throws an Error naming
 * every setting that is missing or wrong, and what to set it to.
 */
export function dbtSettingsOf(raw: unknown): DbtSettings {
  const given =
    raw && typeof raw === 'object' && !Array.isArray(raw)
      ? (raw as Record<string, unknown>)
      : {};
  const problems: string[] = [];
  for (const key of ['image', 'gitImage']) {
    const problem = imageProblem(key, given[key]);
    if (problem) {
      problems.push(problem);
    }
  }
  const pool = given.workloadIdentityPool;
  if (typeof pool !== 'string' || !POOL.test(pool)) {
    problems.push(
      `Set workloadIdentityPool to the Workload Identity pool of the GKE cluster that runs Crossplane: <the cluster's project id>.svc.id.goog, for example ${
        PACKAGED_DBT_SETTINGS.workloadIdentityPool
      }${pool === undefined ? '' : ` (it is ${JSON.stringify(pool)})`}.`,
    );
  }
  const starterRepository = optionalText(given.starterRepository);
  if (starterRepository === null) {
    problems.push(
      'starterRepository must be the https address of a Git repository.',
    );
  } else if (starterRepository !== undefined) {
    const problem = repositoryProblem(starterRepository);
    if (problem) {
      problems.push(`starterRepository: ${problem}`);
    }
  }
  let repositoryPrefixes: string[] | undefined;
  const prefixes = given.repositoryPrefixes;
  if (prefixes !== undefined && prefixes !== null) {
    if (
      !Array.isArray(prefixes) ||
      prefixes.some(
        prefix =>
          typeof prefix !== 'string' ||
          !/^https:\/\/[A-Za-z0-9][-A-Za-z0-9.]*(:[0-9]{1,5})?(\/[A-Za-z0-9._-]*)*$/.test(
            prefix,
          ),
      )
    ) {
      problems.push(
        'repositoryPrefixes must be a list of https addresses, such as https://github.com/acme, under which product repositories must be.',
      );
    } else if (prefixes.length > 0) {
      repositoryPrefixes = prefixes as string[];
      if (
        starterRepository &&
        !repositoryPrefixes.some(p => isUnderPrefix(starterRepository, p))
      ) {
        problems.push(
          `starterRepository ${starterRepository} is under none of repositoryPrefixes: products given a starter project could not run it. Add its prefix.`,
        );
      }
    }
  }
  const timeZone = optionalText(given.timeZone);
  if (timeZone === null) {
    problems.push('timeZone must be a time zone name, such as Europe/Paris.');
  } else if (timeZone !== undefined) {
    const problem = timeZoneProblem(timeZone);
    if (problem) {
      problems.push(problem);
    }
  }
  if (problems.length > 0) {
    throw new Error(
      `The platform's dbt settings in ${WHERE} are not usable: ${problems.join(
        ' ',
      )}`,
    );
  }
  return {
    image: given.image as string,
    gitImage: given.gitImage as string,
    workloadIdentityPool: pool as string,
    ...(starterRepository ? { starterRepository } : {}),
    ...(repositoryPrefixes ? { repositoryPrefixes } : {}),
    ...(timeZone ? { timeZone } : {}),
  };
}
