import {
  ComposeFunction,
  getRequiredResource,
  requireResource,
} from '@crossplane-org/function-sdk-typescript';
import {
  apiVersionOf,
  DataProduct,
  KINDS,
  LABELS,
  nameProblem,
} from '@meshifi/common';

/**
 * How many steps of input ports the function follows from a product: its
 * inputs, theirs, and theirs again, so loops of up to four products are
 * seen. Each step is one more call of the function, and Crossplane stops
 * with an error when a function's requirements are still changing after
 * five re-runs; three steps stay well inside that. Longer loops are caught
 * before they reach the cluster, by the publish action and `meshifi
 * validate`, which see the whole GitOps repository.
 */
export const INPUT_STEPS = 3;

/** The requirement under which the function asks for the product `name`. */
export function inputProductRequirement(name: string): string {
  return `input-product-${name}`;
}

/**
 * The selector with which the function asks Crossplane for the product
 * `name`: by meshifi's label, without a namespace, which matches
 * DataProducts in every namespace (a product reads products of any domain,
 * and names are unique across the mesh). Every product manifest meshifi
 * writes carries the label (dataProductManifest).
 */
export function inputProductSelector(name: string) {
  return {
    apiVersion: apiVersionOf(KINDS.dataProduct),
    kind: KINDS.dataProduct.kind,
    matchLabels: { labels: { [LABELS.dataProduct]: name } },
  };
}

/** Whether each of `items` is an object whose `key` is a string. */
const namedItems = (items: unknown, key: string) =>
  items === undefined ||
  (Array.isArray(items) &&
    items.every(
      item => typeof (item as Record<string, unknown>)?.[key] === 'string',
    ));

/**
 * Whether an object Crossplane found is a DataProduct the rules can read:
 * the XRD's schema makes every product so, but the function trusts nothing
 * it is given.
 */
function isDataProduct(object: unknown): object is DataProduct {
  const product = object as DataProduct | undefined;
  return (
    product?.kind === KINDS.dataProduct.kind &&
    typeof product.spec?.info?.name === 'string' &&
    namedItems(product.spec.inputPorts, 'product') &&
    namedItems(product.spec.outputPorts, 'name')
  );
}

/**
 * The products a product reads, well named and without itself. A name that
 * is no product name is never asked for (it could not be a label value):
 * the model's validation refuses it with its own message, as it refuses a
 * product without a spec, which asks for nothing here.
 */
function inputNamesOf(product: DataProduct): string[] {
  const own = product.spec?.info?.name;
  const inputs: unknown = product.spec?.inputPorts;
  if (!Array.isArray(inputs)) {
    return [];
  }
  return [
    ...new Set(
      inputs
        .map(input => (input as { product?: unknown } | null)?.product)
        .filter(
          (name): name is string =>
            typeof name === 'string' &&
            name !== own &&
            nameProblem(name) === undefined,
        ),
    ),
  ];
}

/**
 * Asks Crossplane for the products `product`'s input ports read, and for
 * the products those read, up to INPUT_STEPS steps, and returns every
 * product found so far. Undefined until Crossplane has answered for the
 * product's own inputs: the function must not refuse anything before then.
 * A product without input ports asks for nothing.
 *
 * Crossplane runs the function again with what it found for each request,
 * until the function asks for nothing new, so each call asks one step
 * further than the one before.
 */
export function requireInputProducts(
  product: DataProduct,
  req: Parameters<ComposeFunction>[0],
  rsp: Parameters<ComposeFunction>[1],
): DataProduct[] | undefined {
  const asked = new Set([product.spec?.info?.name]);
  const found: DataProduct[] = [];
  let ownInputsAnswered = true;
  let names = inputNamesOf(product);
  for (let step = 1; step <= INPUT_STEPS && names.length > 0; step++) {
    const next: string[] = [];
    for (const name of names.filter(n => !asked.has(n))) {
      asked.add(name);
      const requirement = inputProductRequirement(name);
      requireResource(rsp, requirement, inputProductSelector(name));
      const [items, answered] = getRequiredResource(req, requirement);
      if (!answered) {
        if (step === 1) {
          ownInputsAnswered = false;
        }
        continue;
      }
      const products = items.map(item => item.resource).filter(isDataProduct);
      found.push(...products);
      next.push(...products.flatMap(inputNamesOf));
    }
    names = next;
  }
  return ownInputsAnswered ? found : undefined;
}
