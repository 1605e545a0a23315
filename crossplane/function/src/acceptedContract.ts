import {
  DataProduct,
  OutputPort,
  Problem,
  versionRuleProblems,
  contractSnapshotOf,
} from '@meshifi/common';

/**
 * What the function records on the product once it has composed its output
 * ports: the version and the ports as composed, the base the version rule
 * compares the next change with.
 */
export interface AcceptedContract {
  acceptedVersion: string;
  acceptedPorts: OutputPort[];
}

/** The product's version and output ports, as the function now composes them. */
export function acceptedContractOf(product: DataProduct): AcceptedContract {
  return {
    acceptedVersion: product.spec.info.version,
    acceptedPorts: product.spec.outputPorts ?? [],
  };
}

/**
 * Why the product's change to its output ports cannot be composed: the
 * version rule's problems between what was last composed (the XR's
 * status.acceptedVersion and acceptedPorts) and the spec. Nothing when
 * nothing was composed yet, as for a new product or one composed before
 * the function recorded its contract.
 *
 * The status the function last accepted is not recorded, so the product's
 * current status stands for it: a product still proposed was proposed then
 * too (statuses only move forward), and a product made active in the same
 * change as a breaking one is held to the rule, the careful side.
 */
export function contractChangeProblems(product: DataProduct): Problem[] {
  const accepted = product.status;
  if (!accepted?.acceptedVersion) {
    return [];
  }
  return versionRuleProblems(
    {
      version: accepted.acceptedVersion,
      ports: accepted.acceptedPorts ?? [],
      status: product.spec.status,
    },
    contractSnapshotOf(product),
  );
}

/**
 * Throws, with a message for the product's team, when the change breaks the
 * version rule: the function then composes nothing new, and the tables stay
 * as the accepted version made them.
 */
export function assertContractChangeAllowed(product: DataProduct): void {
  const problems = contractChangeProblems(product);
  if (problems.length > 0) {
    throw new Error(
      `The output ports of ${product.spec.info.name} stay as version ${
        product.status!.acceptedVersion
      } made them: ${problems.map(p => p.message).join(' ')}`,
    );
  }
}
