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

const DAY_FORMAT = new Intl.DateTimeFormat('en-GB', {
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  timeZone: 'UTC',
});

/**
 * A day given as YYYY-MM-DD in words, "31 March 2027", read in UTC as the
 * grant's last day is meant; the text itself when it is not a day.
 */
export function dayInWords(day: string): string {
  const start = new Date(`${day}T00:00:00Z`);
  return Number.isNaN(start.getTime()) ? day : DAY_FORMAT.format(start);
}

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
