import { LABELS } from '../../constants';
import { KubernetesObject } from '../../model/types';
import type { ProductContext } from '../Capability';
import { DEFAULT_DBT_SCHEDULE } from './cronSchedule';
import { parseDbtCommand, DEFAULT_DBT_COMMAND } from './dbtCommand';
import { dbtObjectName } from './dbtNames';
import { DbtSpec } from './dbtSchema';
import { DbtSettings } from './dbtSettings';
import { DEFAULT_DBT_REVISION } from './gitRepository';
import { DBT_PROD_TARGET } from './profilesYml';

/** Where the pod keeps the clone, the profiles and its scratch files. */
export const DBT_PATHS = {
  workspace: '/workspace',
  clone: '/workspace/project',
  profiles: '/etc/dbt',
  scratch: '/tmp',
} as const;

/** The one user the pod's containers run as: not root. */
const RUN_AS = 65532;

/** A run that has not ended after this long is stopped, so the next one can start. */
export const DBT_RUN_DEADLINE_SECONDS = 3 * 60 * 60;

/**
 * The Pod Security Standard "restricted": no root, no privilege escalation,
 * no capabilities, the runtime's seccomp profile; and a read-only image, as
 * git and dbt write only to the clone and the scratch folder.
 */
const POD_SECURITY = {
  runAsNonRoot: true,
  runAsUser: RUN_AS,
  runAsGroup: RUN_AS,
  fsGroup: RUN_AS,
  seccompProfile: { type: 'RuntimeDefault' },
};
const CONTAINER_SECURITY = {
  allowPrivilegeEscalation: false,
  readOnlyRootFilesystem: true,
  capabilities: { drop: ['ALL'] },
};

/** The folder dbt runs in: the project's in the clone. */
export function dbtWorkingDir(spec: Pick<DbtSpec, 'path'>): string {
  return spec.path ? `${DBT_PATHS.clone}/${spec.path}` : DBT_PATHS.clone;
}

/** What the command asks dbt, as the container's arguments after `dbt`. */
export function dbtArgs(spec: Pick<DbtSpec, 'command'>): string[] {
  const parsed = parseDbtCommand(spec.command ?? DEFAULT_DBT_COMMAND);
  if (!parsed.ok) {
    // compose runs after problems(), which refuses such a command: reaching
    // this is a bug, and nothing unchecked may reach the container.
    throw new Error(parsed.message);
  }
  return parsed.args;
}

function dbtEnvironment(context: ProductContext) {
  return [
    { name: 'DBT_PROFILES_DIR', value: DBT_PATHS.profiles },
    { name: 'DBT_TARGET', value: DBT_PROD_TARGET },
    // No tracking calls from the platform's runs, and no .user.yml written
    // beside the read-only profiles.
    { name: 'DBT_SEND_ANONYMOUS_USAGE_STATS', value: 'false' },
    { name: 'HOME', value: DBT_PATHS.scratch },
    { name: 'MESHIFI_PROJECT', value: context.project },
    { name: 'MESHIFI_LOCATION', value: context.location },
    { name: 'MESHIFI_RAW_DATASET', value: context.datasets.raw },
    { name: 'MESHIFI_CLEANED_DATASET', value: context.datasets.cleaned },
    { name: 'MESHIFI_CURATED_DATASET', value: context.datasets.curated },
  ];
}

/**
 * The CronJob that runs the product's dbt project: a first init container
 * clones the repository at the revision (git with its words as arguments,
 * `--` before the address), a second installs the project's packages
 * (`dbt deps`, which does nothing for a project without packages.yml), and
 * the container runs the command's words. No shell anywhere.
 */
export function dbtCronJob(
  spec: DbtSpec,
  context: ProductContext,
  settings: DbtSettings,
): KubernetesObject {
  const name = dbtObjectName(context.product);
  const labels = {
    ...context.labels,
    [LABELS.capability]: 'dbt',
  };
  const workingDir = dbtWorkingDir(spec);
  const env = dbtEnvironment(context);
  const volumeMounts = [
    { name: 'workspace', mountPath: DBT_PATHS.workspace },
    { name: 'scratch', mountPath: DBT_PATHS.scratch },
    { name: 'profiles', mountPath: DBT_PATHS.profiles, readOnly: true },
  ];
  return {
    apiVersion: 'batch/v1',
    kind: 'CronJob',
    metadata: { name },
    spec: {
      schedule: spec.schedule ?? DEFAULT_DBT_SCHEDULE,
      ...(settings.timeZone ? { timeZone: settings.timeZone } : {}),
      // One run at a time: two builds of the same tables would race.
      concurrencyPolicy: 'Forbid',
      // A run missed by more than an hour (the cluster was down) is skipped.
      startingDeadlineSeconds: 3600,
      successfulJobsHistoryLimit: 3,
      failedJobsHistoryLimit: 3,
      jobTemplate: {
        metadata: { labels },
        spec: {
          // A failed run is reported and the next scheduled one tries again.
          backoffLimit: 0,
          activeDeadlineSeconds: DBT_RUN_DEADLINE_SECONDS,
          template: {
            metadata: { labels },
            spec: {
              serviceAccountName: name,
              restartPolicy: 'Never',
              securityContext: POD_SECURITY,
              initContainers: [
                {
                  name: 'clone',
                  image: settings.gitImage,
                  command: ['git'],
                  args: [
                    'clone',
                    '--depth=1',
                    '--single-branch',
                    `--branch=${spec.revision ?? DEFAULT_DBT_REVISION}`,
                    '--',
                    spec.repository,
                    DBT_PATHS.clone,
                  ],
                  env: [{ name: 'HOME', value: DBT_PATHS.scratch }],
                  volumeMounts: volumeMounts.slice(0, 2),
                  securityContext: CONTAINER_SECURITY,
                  resources: { requests: { cpu: '100m', memory: '128Mi' } },
                },
                {
                  name: 'deps',
                  image: settings.image,
                  command: ['dbt'],
                  args: ['deps'],
                  workingDir,
                  env,
                  volumeMounts,
                  securityContext: CONTAINER_SECURITY,
                  resources: { requests: { cpu: '100m', memory: '256Mi' } },
                },
              ],
              containers: [
                {
                  name: 'dbt',
                  image: settings.image,
                  command: ['dbt'],
                  args: dbtArgs(spec),
                  workingDir,
                  env,
                  volumeMounts,
                  securityContext: CONTAINER_SECURITY,
                  resources: { requests: { cpu: '500m', memory: '1Gi' } },
                },
              ],
              volumes: [
                { name: 'workspace', emptyDir: {} },
                { name: 'scratch', emptyDir: {} },
                { name: 'profiles', configMap: { name } },
              ],
            },
          },
        },
      },
    },
  };
}
