import type { Capability, ProductContext } from '@meshifi/common';

/** spec.capabilities.notes of the test capability. */
export type NotesSpec = { text: string };

/** platform.capabilities.notes of the test capability. */
export type NotesSettings = {
  heading: string;
  /** Words a note must not hold, known only where the settings are (the function). */
  forbidden: string[];
};

/** The key the test capability composes its ConfigMap under. */
export const NOTES_KEY = 'notes-config-map';

/** The name of the ConfigMap the test capability composes for a product. */
export const notesConfigMapName = (context: Pick<ProductContext, 'product'>) =>
  `${context.product}-notes`;

/**
 * A capability that exists only in the tests: one folder's worth of code,
 * registered by passing it in a list, as registry.ts registers the real
 * ones with one line. It composes a ConfigMap that writes down what the core
 * step passed on (project, namespace, raw dataset, service account), so
 * that a test sees that the capability follows the pipeline context.
 */
export const notesCapability: Capability<NotesSpec, NotesSettings> = {
  name: 'notes',
  title: 'Notes',
  description: 'Keeps a note for the product in a ConfigMap beside it.',
  schema: {
    type: 'object',
    required: ['text'],
    properties: {
      text: { type: 'string', title: 'Note', minLength: 1, maxLength: 200 },
    },
  },
  statusSchema: {
    type: 'object',
    properties: {
      configMap: { type: 'string' },
      kept: { type: 'boolean' },
    },
  },
  settings(raw) {
    const { heading, forbidden = [] } = (raw ?? {}) as {
      heading?: unknown;
      forbidden?: unknown;
    };
    if (typeof heading !== 'string' || heading === '') {
      throw new Error(
        'The notes capability needs a heading: set platform.capabilities.notes.heading in the Composition or an EnvironmentConfig.',
      );
    }
    if (
      !Array.isArray(forbidden) ||
      !forbidden.every(word => typeof word === 'string')
    ) {
      throw new Error(
        'platform.capabilities.notes.forbidden must list words, such as [password].',
      );
    }
    return { heading, forbidden };
  },
  packagedSettings: { heading: 'Notes', forbidden: ['password'] },
  // As dbt's repository prefixes: a rule of the platform's settings, so
  // checked by the capability's step, and not where they are unknown.
  problems: ({ spec, settings }) =>
    (settings?.forbidden ?? [])
      .filter(word => spec.text.toLowerCase().includes(word.toLowerCase()))
      .map(word => ({
        path: 'spec.capabilities.notes.text',
        message: `A note must not hold a ${word}: remove it.`,
      })),
  compose: ({ spec, context, settings }) => [
    {
      key: NOTES_KEY,
      role: 'capability',
      summary: `A note on ${context.product}`,
      readiness: 'exists',
      resource: {
        apiVersion: 'v1',
        kind: 'ConfigMap',
        metadata: { name: notesConfigMapName(context) },
        data: {
          heading: settings.heading,
          text: spec.text,
          namespace: context.namespace,
          project: context.project,
          rawDataset: context.datasets.raw,
          serviceAccount: context.serviceAccountEmail,
        },
      } as never,
    },
  ],
  status: ({ context, observed }) => ({
    configMap: notesConfigMapName(context),
    kept: observed[NOTES_KEY] !== undefined,
  }),
  rbac: [
    {
      apiGroups: [''],
      resources: ['configmaps'],
      verbs: ['get', 'list', 'watch', 'create', 'update', 'patch', 'delete'],
    },
  ],
  form: {
    page: {
      title: 'Notes',
      schema: { type: 'object', properties: { text: { type: 'string' } } },
    },
    fromAnswers: answers => {
      const text = (answers as { text?: unknown } | undefined)?.text;
      return typeof text === 'string' && text !== '' ? { text } : undefined;
    },
  },
  card: ({ spec, status }) => ({
    title: 'Notes',
    state: status?.kept
      ? { label: 'Kept', tone: 'ok' }
      : { label: 'Pending', tone: 'pending' },
    facts: [{ label: 'Note', value: spec.text }],
  }),
};
