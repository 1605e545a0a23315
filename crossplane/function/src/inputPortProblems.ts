import { DataProduct, meshProblems, Problem } from '@meshifi/common';

const INPUT_PATH = /^spec\.inputPorts\.(\d+)(\.|$)/;

/**
 * Input ports whose product Crossplane found in more than one namespace:
 * names are unique across the mesh, and which of them is read cannot be
 * told.
 */
function ambiguousInputProblems(
  product: DataProduct,
  found: readonly DataProduct[],
): Problem[] {
  return (product.spec.inputPorts ?? []).flatMap((input, index) => {
    const namespaces = [
      ...new Set(
        found
          .filter(other => other.spec.info.name === input.product)
          .map(other => other.metadata.namespace ?? 'default'),
      ),
    ];
    return namespaces.length > 1
      ? [
          {
            path: `spec.inputPorts.${index}.product`,
            message: `There are ${namespaces.length} data products named "${
              input.product
            }", in the namespaces ${namespaces
              .map(namespace => `"${namespace}"`)
              .join(
                ' and ',
              )}: a product's name must be unique across the mesh, so which one is read cannot be told. Ask the platform team to rename or remove one of them.`,
          },
        ]
      : [];
  });
}

/**
 * What is wrong with a product's input ports, given the products Crossplane
 * found for them (requireInputProducts): an input reads a product that does
 * not exist, a table it does not offer, or a retired product, or inputs
 * loop back to the product.
 *
 * These are the rules of meshProblems that the products found can decide.
 * Its other rules, that a replacement exists and that nothing others read
 * is retired or removed, need every product of the mesh, which the function
 * does not ask for: the publish action and `meshifi validate` check them
 * against the whole GitOps repository before a change is merged.
 */
export function inputPortProblems(
  product: DataProduct,
  found: readonly DataProduct[],
): Problem[] {
  return [
    ...ambiguousInputProblems(product, found),
    ...meshProblems(product, found).filter(problem =>
      INPUT_PATH.test(problem.path),
    ),
  ];
}

/** "The table "orders" of "customer-orders"": the input a problem is about. */
function inputOf(product: DataProduct, problem: Problem): string {
  const index = Number(INPUT_PATH.exec(problem.path)![1]);
  const input = product.spec.inputPorts![index];
  return `The table "${input.port}" of "${input.product}"`;
}

/**
 * Throws, with a message for the product's team, when an input port cannot
 * be read: the function then composes nothing new and Crossplane leaves
 * the product's resources as they are (see runFunction). A product read
 * that does not exist yet may be on its way, as when Flux applies a reader
 * before what it reads: the message says so, since Crossplane tries again
 * on its own.
 */
export function assertInputsReadable(
  product: DataProduct,
  found: readonly DataProduct[],
): void {
  const problems = inputPortProblems(product, found);
  if (problems.length === 0) {
    return;
  }
  const name = product.spec.info.name;
  const foundNames = new Set(found.map(other => other.spec.info.name));
  const missing = [
    ...new Set(
      (product.spec.inputPorts ?? [])
        .map(input => input.product)
        .filter(read => read !== name && !foundNames.has(read)),
    ),
  ];
  const lines = problems.map(
    problem => `${inputOf(product, problem)}: ${problem.message}`,
  );
  const waiting = missing.length
    ? [
        `If ${missing.map(read => `"${read}"`).join(' and ')} ${
          missing.length > 1 ? 'are' : 'is'
        } being created right now, nothing needs doing: meshifi tries again on its own and carries on with "${name}" within a minute of it being on the platform.`,
      ]
    : [];
  throw new Error(
    [
      `Nothing of the data product "${name}" is built or changed until its input ports can be read.`,
      ...lines,
      ...waiting,
    ].join(' '),
  );
}
