import { ProvisioningState } from './provisioningReport';

/**
 * The most products one states request may ask about: a page of the home
 * page's list, and a bound on the work one request can ask of the backend.
 */
export const PRODUCT_STATES_MAX_REFS = 200;

/** A product's state at a glance: what the home page's badge shows. */
export interface ProductStateSummary {
  /** The DataProduct entity's ref, e.g. dataproduct:default/orders. */
  entityRef: string;
  state: ProvisioningState;
  /** One sentence a person should read. */
  reason: string;
}

/**
 * The answer of `POST /products/states`: one item per product the caller may
 * read and the catalog has; the others are left out, so the answer does not
 * tell whether a product the caller may not read exists.
 */
export interface ProductStatesResponse {
  items: ProductStateSummary[];
}
