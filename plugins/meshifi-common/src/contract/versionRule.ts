import { DataProduct, OutputPort } from '../model/types';
import { Problem } from '../validation/Problem';
import { breakingChanges } from './breakingChanges';
import { changesBigQueryCannotMake } from './inPlaceChanges';

/** A product's version and ports at one moment: what the version rule compares. */
export interface ContractSnapshot {
  version: string;
  ports: OutputPort[];
  /** The status then; a product that was only proposed had no readers to break. */
  status?: string;
}

/** A product's contract snapshot as its manifest says it. */
export const contractSnapshotOf = ({
  spec,
}: DataProduct): ContractSnapshot => ({
  version: spec.info.version,
  ports: spec.outputPorts ?? [],
  status: spec.status,
});

const majorOf = (version: string) => Number(version.split(/[.+-]/)[0]);

/**
 * The rules a change of a product's contracts keeps. First, the semantic
 * versioning of contracts: a change that breaks readers needs a new major
 * version of the product, so that whoever reads it sees the break coming.
 * Second, whatever the version, only changes BigQuery can make to a table
 * that exists. Returns one problem per change that breaks a rule; a column
 * change BigQuery cannot make is said once, as that.
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
  const impossible = changesBigQueryCannotMake(before.ports, after.ports);
  const saidAlready = new Set(
    impossible.map(({ port, column }) => `${port}\u0000${column}`),
  );
  const cannotMake = impossible.map(({ change }) => ({
    path: 'spec.outputPorts',
    message: `${change}.`,
  }));
  if (before.status === 'proposed' || majorAfter > majorBefore) {
    return cannotMake;
  }
  const next = `${majorBefore + 1}.0.0`;
  const needMajor = breakingChanges(before.ports, after.ports)
    .filter(({ port, column }) => !saidAlready.has(`${port}\u0000${column}`))
    .map(({ port, change }) => ({
      path: 'spec.info.version',
      message: `${change}, which breaks whoever reads "${port}": raise the version to ${next} (a new major version) to make this change, or keep the table as it was.`,
    }));
  return [...cannotMake, ...needMajor];
}
