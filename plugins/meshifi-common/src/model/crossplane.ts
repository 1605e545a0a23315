/**
 * The annotations and labels Crossplane reads and writes on the objects it
 * manages: the one place meshifi spells them. Each is Crossplane's contract,
 * not meshifi's, so its meaning below is the one Crossplane gives it.
 */

/** Annotations Crossplane reads or writes. */
export const CROSSPLANE_ANNOTATIONS = {
  /**
   * On a managed resource: the resource's name in the external system (a
   * BigQuery dataset's id, a service account's account id). The provider
   * reads it to find the cloud resource and writes it when the cloud chose
   * the name; a composition sets it to pick the name itself.
   */
  externalName: 'crossplane.io/external-name',
  /**
   * On a composed resource: the Composition's name for it (the pipeline's
   * resource key, e.g. dataset-raw), by which Crossplane matches it to what
   * the composition function asks for on every reconcile.
   */
  compositionResourceName: 'crossplane.io/composition-resource-name',
} as const;

/** Labels Crossplane puts on the objects it composes. */
export const CROSSPLANE_LABELS = {
  /**
   * On every resource a composite resource (XR) composed: the XR's name.
   * What selects all of a product's resources in one list or watch.
   */
  composite: 'crossplane.io/composite',
} as const;
