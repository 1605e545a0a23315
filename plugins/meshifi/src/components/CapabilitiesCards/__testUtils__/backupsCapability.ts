import { Capability, CapabilityState } from '@meshifi/common';

/** spec.capabilities.backups of the test capability. */
export type BackupsSpec = { bucket: string; every: string };

/** status.capabilities.backups of the test capability. */
export type BackupsStatus = {
  lastBackup?: string;
  state?: 'done' | 'running' | 'late' | 'failed';
  message?: string;
};

const STATES: Record<NonNullable<BackupsStatus['state']>, CapabilityState> = {
  done: { label: 'Backed up', tone: 'ok' },
  running: { label: 'Backing up', tone: 'pending' },
  late: { label: 'Late', tone: 'warning', detail: 'The last backup is late.' },
  failed: { label: 'Failed', tone: 'error' },
};

/** The state when the XR has reported nothing for the capability yet. */
export const NOT_REPORTED: CapabilityState = {
  label: 'Not reported yet',
  tone: 'pending',
  detail: 'The platform has not reported on the backups yet.',
};

/**
 * A capability that exists only in the page's tests, so that they exercise
 * the generic card with a card of their own making: nothing in the page
 * knows of it beyond the list the test passes.
 */
export const backupsCapability: Capability<BackupsSpec> = {
  name: 'backups',
  title: 'Nightly backups',
  description: 'Copies the curated dataset to a bucket.',
  schema: {
    type: 'object',
    required: ['bucket', 'every'],
    properties: { bucket: { type: 'string' }, every: { type: 'string' } },
  },
  statusSchema: { type: 'object' },
  settings: () => ({}),
  packagedSettings: {},
  problems: () => [],
  compose: () => [],
  status: () => ({}),
  rbac: [],
  form: {
    page: { title: 'Backups', schema: { type: 'object' } },
    fromAnswers: () => undefined,
  },
  card({ spec, status }) {
    if (typeof spec?.bucket !== 'string') {
      throw new Error('the bucket is missing');
    }
    const reported = status as BackupsStatus | undefined;
    const state = reported?.state ? STATES[reported.state] : NOT_REPORTED;
    return {
      title: 'Nightly backups',
      state: reported?.message ? { ...state, detail: reported.message } : state,
      facts: [
        {
          label: 'Bucket',
          value: spec.bucket,
          href: `https://console.cloud.google.com/storage/browser/${spec.bucket}`,
        },
        { label: 'Every', value: spec.every },
        { label: 'Last backup', value: reported?.lastBackup ?? 'none yet' },
      ],
    };
  },
};

/** A second test capability, to see that each gets its own card in the list's order. */
export const auditCapability: Capability<{ level: string }> = {
  ...(backupsCapability as unknown as Capability<{ level: string }>),
  name: 'audit',
  title: 'Audit log',
  card: ({ spec }) => ({
    title: 'Audit log',
    facts: [{ label: 'Level', value: spec.level }],
  }),
};
