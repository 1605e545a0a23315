import { DataProductAnswers, DataProductPlan } from './planDataProduct';

/** What the Create page asks `POST /api/meshifi/plan` for: the answers as picked. */
export interface DataProductPlanRequest extends DataProductAnswers {
  /** The domain: its entity ref (`domain:default/sales`) or its name. */
  domain?: string;
  /** Users and groups (entity refs) or email addresses. */
  owners: string[];
  /**
   * Tables of other products the product reads: their API entities' refs,
   * e.g. api:default/customer-orders.orders.
   */
  inputPorts?: string[];
}

/** What `POST /api/meshifi/plan` answers. */
export interface DataProductPlanResponse {
  plan: DataProductPlan;
  /**
   * Whether the caller may create the product in its domain: the permission
   * `meshifi.dataproduct.create` on the domain's catalog entity.
   */
  mayCreate: boolean;
  /** Why not, in words for the analyst, when `mayCreate` is false. */
  message?: string;
}
