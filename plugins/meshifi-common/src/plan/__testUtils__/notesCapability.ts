import { Capability } from '../../capabilities/Capability';
import { ValidationError } from '../../validation/Problem';

type NotesSpec = { text: string };
type NotesSettings = { prefix: string; banned: string[] };

/**
 * A capability of the tests, which they add to the registry with jest.mock,
 * as a capability registers with its line there: a ConfigMap holding a note
 * on the product's curated dataset. Its page answers { keep, text }; the
 * platform's settings ban words, which only the plan with settings can
 * check, and need a prefix, which the package does not ship.
 */
export const notes: Capability<NotesSpec, NotesSettings> = {
  name: 'notes',
  title: 'Notes',
  description: 'Keeps a note beside the product.',
  schema: {
    type: 'object',
    required: ['text'],
    properties: { text: { type: 'string', maxLength: 40 } },
  },
  statusSchema: { type: 'object' },
  settings: raw => {
    const { prefix, banned } = raw as Partial<NotesSettings>;
    if (typeof prefix !== 'string') {
      throw new Error('Set prefix, the text every note starts with.');
    }
    return { prefix, banned: banned ?? [] };
  },
  packagedSettings: { banned: ['secret'] },
  problems: ({ spec, settings }) =>
    settings?.banned.some(word => spec.text.includes(word))
      ? [
          {
            path: 'spec.capabilities.notes.text',
            message: 'The note uses a word the platform bans: reword it.',
          },
        ]
      : [],
  compose: ({ spec, context, settings }) => [
    {
      key: 'config',
      role: 'capability',
      summary: `A note on ${context.datasets.curated} in ${context.project}`,
      readiness: 'exists',
      resource: {
        apiVersion: 'v1',
        kind: 'ConfigMap',
        metadata: { name: `${context.product}-notes` },
        data: { note: `${settings.prefix}: ${spec.text}` },
      } as any,
    },
  ],
  status: () => ({}),
  rbac: [],
  form: {
    page: { title: 'Notes', schema: { type: 'object' } },
    fromAnswers: (answers, { product, domain, settings }) => {
      const { keep, text } = (answers ?? {}) as {
        keep?: unknown;
        text?: unknown;
      };
      if (!keep) {
        return undefined;
      }
      if (typeof text !== 'string' || text === '') {
        throw new ValidationError([
          {
            path: 'spec.capabilities.notes.text',
            message: 'Write the note, or do not keep one.',
          },
        ]);
      }
      return {
        text: `${text} (${domain ?? 'products'}/${product}, ${
          settings?.prefix ?? 'no settings'
        })`,
      };
    },
  },
  card: () => ({ title: 'Notes', facts: [] }),
};
