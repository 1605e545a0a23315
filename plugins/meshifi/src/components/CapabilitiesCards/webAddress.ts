/**
 * A fact's link when it is a web address: a capability builds it from a
 * product's spec, which an entity written by hand may fill with anything
 * (and Backstage's Link refuses a javascript: address by throwing).
 */
export function webAddressOf(href: string | undefined): string | undefined {
  if (!href) {
    return undefined;
  }
  try {
    const url = new URL(href);
    return url.protocol === 'https:' || url.protocol === 'http:'
      ? url.href
      : undefined;
  } catch {
    return undefined;
  }
}
