import { parseArgs } from 'util';

/** How the stand-in runs, from its command line and environment. */
export interface StandInOptions {
  /** A kubeconfig file; by default $KUBECONFIG, else ~/.kube/config. */
  kubeconfig?: string;
  delayMs: number;
}

export const USAGE = `Usage: gcp-provider-stand-in [--kubeconfig FILE] [--delay-ms MS]

A stand-in for the Crossplane GCP provider: marks meshifi's managed resources
Synced and Ready with the status the real provider reports, after a delay.

  --kubeconfig FILE  the cluster (default: $KUBECONFIG, else ~/.kube/config)
  --delay-ms MS      how long a create takes (default: $MESHIFI_STAND_IN_DELAY_MS, else 2000)
`;

function delayFrom(value: string | undefined, source: string) {
  const delay = Number(value);
  if (!/^\d+$/.test(value ?? '') || !Number.isSafeInteger(delay)) {
    throw new Error(
      `${source} must be a whole number of milliseconds, not "${value}"`,
    );
  }
  return delay;
}

/** Throws an error with the usage for arguments it does not understand. */
export function parseOptions(
  argv: string[],
  env: Record<string, string | undefined>,
): StandInOptions | 'help' {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        kubeconfig: { type: 'string' },
        'delay-ms': { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (error) {
    throw new Error(`${(error as Error).message}\n\n${USAGE}`);
  }
  if (values.help) {
    return 'help';
  }
  let delayMs = 2000;
  if (values['delay-ms'] !== undefined) {
    delayMs = delayFrom(values['delay-ms'], '--delay-ms');
  } else if (env.MESHIFI_STAND_IN_DELAY_MS !== undefined) {
    delayMs = delayFrom(
      env.MESHIFI_STAND_IN_DELAY_MS,
      'MESHIFI_STAND_IN_DELAY_MS',
    );
  }
  return { kubeconfig: values.kubeconfig, delayMs };
}
