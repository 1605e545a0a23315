import { stringify } from 'yaml';

/**
 * A manifest as meshifi writes it into the GitOps repository. Flux reads
 * YAML as version 1.1, where an unquoted 2027-03-31 is a timestamp and an
 * unquoted yes a boolean: a grant's expiry written that way reached the
 * cluster as "2027-03-31T00:00:00Z" and was refused. Written as YAML 1.1,
 * every string that 1.1 would read as something else is quoted, so every
 * reader sees the strings meshifi wrote.
 */
export function gitopsYaml(manifest: object): string {
  return stringify(manifest, { version: '1.1' });
}
