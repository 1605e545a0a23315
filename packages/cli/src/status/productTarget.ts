/** The product `meshifi status` is asked about, as the command line gives it. */
export interface ProductTarget {
  name: string;
  /** Its domain: the namespace of its DataProduct. */
  domain?: string;
}

/** An object's name: a DNS subdomain (RFC 1123), as the API server requires. */
const OBJECT_NAME = /^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/;
const OBJECT_NAME_MAX_LENGTH = 253;

/** A namespace's name: a DNS label (RFC 1123). */
const NAMESPACE_NAME = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const NAMESPACE_NAME_MAX_LENGTH = 63;

/**
 * Why no product in any cluster can answer to this name and domain, or
 * undefined when one can. Checked before the cluster is asked: a name the
 * API server cannot hold would otherwise go into a field selector, where a
 * comma or an equals sign changes the question.
 */
export function productTargetProblem(
  target: ProductTarget,
): string | undefined {
  if (
    !OBJECT_NAME.test(target.name) ||
    target.name.length > OBJECT_NAME_MAX_LENGTH
  ) {
    return `No data product can be called ${JSON.stringify(
      target.name,
    )}: names in the cluster use only lower-case letters (a-z), digits, dashes and dots, for example customer-orders. Check the name.`;
  }
  if (
    target.domain !== undefined &&
    (!NAMESPACE_NAME.test(target.domain) ||
      target.domain.length > NAMESPACE_NAME_MAX_LENGTH)
  ) {
    return `No domain can be called ${JSON.stringify(
      target.domain,
    )}: domain names use only lower-case letters (a-z), digits and dashes, for example sales. Check --domain.`;
  }
  return undefined;
}
