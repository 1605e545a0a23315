import { productStatusOf } from '../lifecycle/productStatus';
import { DataProduct } from '../model/types';
import { Problem } from '../validation/Problem';

/**
 * The rules of a product that need the rest of the mesh: an input port reads
 * a table that exists and is still served, inputs never loop back to the
 * product, a replacement exists, and nothing another product reads goes away
 * (a table removed, the product retired).
 *
 * `mesh` is every product as it is now (the GitOps repository's or the
 * cluster's); an older copy of `product` in it is what a removed table is
 * told by, and is otherwise ignored.
 */
export function meshProblems(
  product: DataProduct,
  mesh: readonly DataProduct[],
): Problem[] {
  const name = product.spec.info.name;
  const others = new Map(
    mesh
      .filter(other => other.spec.info.name !== name)
      .map(other => [other.spec.info.name, other]),
  );
  const previous = mesh.find(other => other.spec.info.name === name);
  return [
    ...inputProblems(product, others),
    ...loopProblems(product, others),
    ...replacementProblems(product, others),
    ...readerProblems(product, previous, others),
  ];
}

function inputProblems(
  product: DataProduct,
  others: Map<string, DataProduct>,
): Problem[] {
  return (product.spec.inputPorts ?? []).flatMap((input, index) => {
    const path = `spec.inputPorts.${index}`;
    const source = others.get(input.product);
    if (!source) {
      return input.product === product.spec.info.name
        ? []
        : [
            {
              path: `${path}.product`,
              message: `There is no data product "${input.product}": pick one from the catalog.`,
            },
          ];
    }
    const ports = (source.spec.outputPorts ?? []).map(port => port.name);
    if (!ports.includes(input.port)) {
      return [
        {
          path: `${path}.port`,
          message: ports.length
            ? `"${input.product}" offers no table "${
                input.port
              }": it offers ${ports.map(port => `"${port}"`).join(', ')}.`
            : `"${input.product}" offers no tables yet, so "${input.port}" cannot be read.`,
        },
      ];
    }
    if (productStatusOf(source) === 'retired') {
      return [
        {
          path: `${path}.product`,
          message: `"${input.product}" is retired and no longer serves "${input.port}": read its replacement instead.`,
        },
      ];
    }
    return [];
  });
}

/**
 * Whether following input ports from a product comes back to `start`; the
 * way round, as product names, when it does.
 */
function loopThrough(
  from: string,
  start: string,
  inputsOf: (name: string) => string[],
  seen = new Set<string>(),
): string[] | undefined {
  for (const next of inputsOf(from)) {
    if (next === start) {
      return [next];
    }
    if (!seen.has(next)) {
      seen.add(next);
      const rest = loopThrough(next, start, inputsOf, seen);
      if (rest) {
        return [next, ...rest];
      }
    }
  }
  return undefined;
}

function loopProblems(
  product: DataProduct,
  others: Map<string, DataProduct>,
): Problem[] {
  const name = product.spec.info.name;
  const inputsOf = (of: string) =>
    ((of === name ? product : others.get(of))?.spec.inputPorts ?? []).map(
      input => input.product,
    );
  return (product.spec.inputPorts ?? []).flatMap((input, index) => {
    if (input.product === name) {
      return [];
    }
    const loop = loopThrough(input.product, name, inputsOf);
    return loop
      ? [
          {
            path: `spec.inputPorts.${index}`,
            message: `Reading "${input.port}" of "${
              input.product
            }" makes a loop: ${[name, input.product, ...loop]
              .map(step => `"${step}"`)
              .join(
                ' reads ',
              )}. A product cannot feed its own inputs: remove one of these inputs.`,
          },
        ]
      : [];
  });
}

function replacementProblems(
  product: DataProduct,
  others: Map<string, DataProduct>,
): Problem[] {
  const replacement = product.spec.deprecation?.replacedBy;
  if (!replacement || replacement === product.spec.info.name) {
    return [];
  }
  return others.has(replacement)
    ? []
    : [
        {
          path: 'spec.deprecation.replacedBy',
          message: `There is no data product "${replacement}" to replace this one: name an existing product, or give a reason instead.`,
        },
      ];
}

/** Who reads which table of a product, among the products still served. */
function readersOf(
  name: string,
  others: Map<string, DataProduct>,
): Map<string, string[]> {
  const readers = new Map<string, string[]>();
  for (const other of others.values()) {
    if (productStatusOf(other) === 'retired') {
      continue;
    }
    for (const input of other.spec.inputPorts ?? []) {
      if (input.product === name) {
        readers.set(input.port, [
          ...(readers.get(input.port) ?? []),
          other.spec.info.name,
        ]);
      }
    }
  }
  return readers;
}

const listed = (names: string[]) =>
  [...new Set(names)].map(name => `"${name}"`).join(', ');

/**
 * A product retired while others read it, and each table it offered before
 * (`previous`) and no longer offers while others read it. A table a reader
 * names that the product never offered is the reader's problem, reported
 * on the reader: it must not hold back every change of this product.
 */
function readerProblems(
  product: DataProduct,
  previous: DataProduct | undefined,
  others: Map<string, DataProduct>,
): Problem[] {
  const readers = readersOf(product.spec.info.name, others);
  if (readers.size === 0) {
    return [];
  }
  if (productStatusOf(product) === 'retired') {
    return [
      {
        path: 'spec.status',
        message: `The product cannot be retired while ${listed(
          [...readers.values()].flat(),
        )} read its tables: ask them to move to another product first, or deprecate it until they have.`,
      },
    ];
  }
  const portsOf = (of?: DataProduct) =>
    new Set((of?.spec.outputPorts ?? []).map(p => p.name));
  const offered = portsOf(product);
  const offeredBefore = portsOf(previous);
  return [...readers.entries()]
    .filter(([port]) => offeredBefore.has(port) && !offered.has(port))
    .map(([port, names]) => ({
      path: 'spec.outputPorts',
      message: `The table "${port}" cannot be removed while ${listed(
        names,
      )} read it: ask them to stop reading it first.`,
    }));
}
