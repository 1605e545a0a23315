import {
  readSchedulerServiceTaskScheduleDefinitionFromConfig,
  SchedulerServiceTaskScheduleDefinition,
} from '@backstage/backend-plugin-api';
import { parseEntityRef } from '@backstage/catalog-model';
import { Config } from '@backstage/config';
import { InputError } from '@backstage/errors';
import { readOptionalPlatformConfig } from '@meshifi/node';

/** What the catalog module reads from the app config (see config.d.ts). */
export interface MeshifiCatalogConfig {
  /** The Backstage owner of products whose manifest names none. */
  defaultOwner?: string;
  /** How long owners' users and domains' projects are cached, in milliseconds. */
  lookupCacheMs: number;
  /**
   * The GCP project of products without a domain (`meshifi.platform.project`):
   * their console links. Without it they get none.
   */
  platformProject?: string;
  /** The entity provider of the GitOps repository (`meshifi.gitops`). */
  gitops: {
    enabled: boolean;
    /** Read the repository at once when a push is announced. */
    refreshOnEvents: boolean;
    schedule: SchedulerServiceTaskScheduleDefinition;
  };
  /** Discovery of the products clusters have but the repository does not. */
  clusters: {
    enabled: boolean;
    schedule: SchedulerServiceTaskScheduleDefinition;
  };
}

const DEFAULT_LOOKUP_CACHE_SECONDS = 30;

/** Often enough to be a safety net: pushes are announced on the events service. */
const DEFAULT_GITOPS_SCHEDULE: SchedulerServiceTaskScheduleDefinition = {
  frequency: { seconds: 15 },
  timeout: { minutes: 5 },
};

const DEFAULT_CLUSTERS_SCHEDULE: SchedulerServiceTaskScheduleDefinition = {
  frequency: { seconds: 60 },
  timeout: { minutes: 2 },
  // After the first pass of the other providers and locations, so that what
  // they declare is not claimed from a cluster.
  initialDelay: { seconds: 30 },
};

/**
 * Reads `meshifi.catalog` and the platform's project, with their defaults.
 * A value of the wrong shape is an `InputError` that names its key and what
 * it should be, thrown when the backend starts.
 */
export function readMeshifiCatalogConfig(config: Config): MeshifiCatalogConfig {
  const catalog = 'meshifi.catalog';
  return {
    defaultOwner: readOwnerRef(config, `${catalog}.defaultOwner`),
    lookupCacheMs:
      (readSeconds(config, `${catalog}.lookupCacheSeconds`) ??
        DEFAULT_LOOKUP_CACHE_SECONDS) * 1000,
    platformProject: readOptionalPlatformConfig(config)?.project,
    gitops: {
      enabled: readFlag(config, `${catalog}.gitops.enabled`) ?? true,
      refreshOnEvents:
        readFlag(config, `${catalog}.gitops.refreshOnEvents`) ?? true,
      schedule: readSchedule(
        config,
        `${catalog}.gitops.schedule`,
        DEFAULT_GITOPS_SCHEDULE,
      ),
    },
    clusters: {
      enabled: readFlag(config, `${catalog}.clusters.enabled`) ?? false,
      schedule: readSchedule(
        config,
        `${catalog}.clusters.schedule`,
        DEFAULT_CLUSTERS_SCHEDULE,
      ),
    },
  };
}

/** Reads a key with Backstage's reader, naming the key in its error. */
function readKey<T>(key: string, should: string, read: () => T): T {
  try {
    return read();
  } catch (error) {
    throw new InputError(`${key} must be ${should}`, error);
  }
}

function readFlag(config: Config, key: string): boolean | undefined {
  return readKey(key, 'true or false', () => config.getOptionalBoolean(key));
}

function readSeconds(config: Config, key: string): number | undefined {
  const should = 'a number of seconds, 0 or more';
  const seconds = readKey(key, should, () => config.getOptionalNumber(key));
  if (seconds === undefined) {
    return undefined;
  }
  if (!Number.isFinite(seconds) || seconds < 0) {
    throw new InputError(`${key} must be ${should}, not ${seconds}`);
  }
  return seconds;
}

function readOwnerRef(config: Config, key: string): string | undefined {
  const should =
    'a user or group entity reference such as group:default/data-platform';
  const ref = readKey(key, should, () => config.getOptionalString(key));
  if (ref === undefined) {
    return undefined;
  }
  const { kind } = readKey(key, `${should}, not "${ref}"`, () =>
    parseEntityRef(ref, { defaultKind: 'group', defaultNamespace: 'default' }),
  );
  if (!['user', 'group'].includes(kind.toLocaleLowerCase('en-US'))) {
    throw new InputError(`${key} must be ${should}, not "${ref}"`);
  }
  return ref;
}

function readSchedule(
  config: Config,
  key: string,
  fallback: SchedulerServiceTaskScheduleDefinition,
): SchedulerServiceTaskScheduleDefinition {
  if (!config.has(key)) {
    return fallback;
  }
  return readKey(
    key,
    'a schedule such as { frequency: { seconds: 15 }, timeout: { minutes: 5 } }',
    () =>
      readSchedulerServiceTaskScheduleDefinitionFromConfig(
        config.getConfig(key),
      ),
  );
}
