import { digest } from './digest';

/** The longest name of a catalog entity. */
const ENTITY_NAME_MAX_LENGTH = 63;

/**
 * The name of an output port's API entity in the catalog: `<product>.<port>`
 * when it fits Backstage's 63 characters, else a shortened form ending in a
 * digest of the whole, so that it stays unique and stable.
 */
export function outputPortEntityName(product: string, port: string): string {
  const name = `${product}.${port}`;
  if (name.length <= ENTITY_NAME_MAX_LENGTH) {
    return name;
  }
  const suffix = digest(name, 13);
  const head = name
    .slice(0, ENTITY_NAME_MAX_LENGTH - suffix.length - 1)
    .replace(/[-_.]+$/, '');
  return `${head}-${suffix}`;
}
