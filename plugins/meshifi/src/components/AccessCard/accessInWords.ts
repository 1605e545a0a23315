import { AccessConsumer, MedallionLayer } from '@meshifi/common';

const LAYER_WORDS: Record<MedallionLayer, string> = {
  raw: 'Raw',
  cleaned: 'Cleaned',
  curated: 'Curated',
};

/** A medallion layer as the Create page names it: "Curated". */
export function layerInWords(layer: MedallionLayer): string {
  return LAYER_WORDS[layer] ?? layer;
}

/** What kind of reader a consumer is, e.g. "Group". */
export function consumerKindInWords(consumer: AccessConsumer): string {
  switch (consumer.type) {
    case 'user':
      return 'Person';
    case 'group':
      return 'Group';
    default:
      // Another data product reads through its service account.
      return consumer.entityRef?.startsWith('dataproduct:')
        ? 'Data product'
        : 'Service account';
  }
}

/** A grant's last day in words, as the backend's state text says it. */
export { dayInWords } from '@meshifi/common';

/** The day of an RFC 3339 instant in words, in the reader's time zone. */
export function dateInWords(instant: string): string {
  const date = new Date(instant);
  return Number.isNaN(date.getTime())
    ? instant
    : date.toLocaleDateString('en-GB', {
        day: 'numeric',
        month: 'long',
        year: 'numeric',
      });
}
