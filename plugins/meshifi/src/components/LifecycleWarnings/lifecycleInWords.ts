import { dayInWords, ProductLifecycleStatus } from '@meshifi/common';
import { ProductLifecycle } from './productLifecycle';

const STATUS_WORDS: Record<ProductLifecycleStatus, string> = {
  proposed: 'Proposed: being built, not for others yet',
  active: 'Active',
  deprecated: 'Deprecated: being replaced',
  retired: 'Retired: no longer served',
};

/** A product's status as a short phrase for a list. */
export function productStatusInWords(status: ProductLifecycleStatus): string {
  return STATUS_WORDS[status] ?? status;
}

/**
 * Until when a deprecated product is served, or that a retired one is not
 * any more: "It is served until 31 March 2027."
 */
export function lastDaySentence(lifecycle: ProductLifecycle): string {
  if (lifecycle.status === 'retired') {
    return 'It is no longer served.';
  }
  return lifecycle.deprecation
    ? `It is served until ${dayInWords(lifecycle.deprecation.date)}.`
    : 'It has no last day yet.';
}
