import { OutputPort } from '../model/types';
import { Problem } from '../validation/Problem';
import { breakingChanges } from './breakingChanges';

/** A product's version and ports at one moment: what the version rule compares. */
export interface ContractSnapshot {
  version: string;
  ports: OutputPort[];
  /** The status then; a product that was only proposed had no readers to break. */
  status?: string;
}

const majorOf = (version: string) => Number(version.split(/[.+-]/)[0]);

/**
 * The semantic-versioning rule of contracts: a change that breaks readers
 * needs a new major version of the product, so that whoever reads it sees
 * the break coming. Returns one problem per breaking change made without it.
 */
export function versionRuleProblems(
  before: ContractSnapshot,
  after: ContractSnapshot,
): Problem[] {
  const majorBefore = majorOf(before.version);
  const majorAfter = majorOf(after.version);
  if (majorAfter < majorBefore) {
    return [
      {
        path: 'spec.info.version',
        message: `The version cannot go back from ${before.version} to ${after.version}: give a version from ${majorBefore}.0.0 on.`,
      },
    ];
  }
  if (before.status === 'proposed' || majorAfter > majorBefore) {
    return [];
  }
  const next = `${majorBefore + 1}.0.0`;
  return breakingChanges(before.ports, after.ports).map(({ port, change }) => ({
    path: 'spec.info.version',
    message: `${change}, which breaks whoever reads "${port}": raise the version to ${next} (a new major version) to make this change, or keep the table as it was.`,
  }));
}
