import { ComposedResource } from '../compose/compose';
import { MedallionLayer } from '../constants';
import { DataProduct, KubernetesObject } from '../model/types';
import { MeshifiSchema } from '../schema/jsonSchema';
import { Problem } from '../validation/Problem';

/**
 * What the core step of the DataProduct pipeline has composed, passed to
 * each capability's step through the pipeline context: a capability uses
 * these ids and never derives them again.
 */
export type ProductContext = {
  /** The product's name (metadata.name, spec.info.name). */
  product: string;
  /** The product's namespace: where a capability's Kubernetes objects go. */
  namespace: string;
  domain?: string;
  /** The GCP project of the product's datasets and service account. */
  project: string;
  /** The BigQuery location of its datasets. */
  location: string;
  /** The email of the product's GCP service account. */
  serviceAccountEmail: string;
  /** The service account as IAM members name it: projects/<project>/serviceAccounts/<email>. */
  serviceAccountId: string;
  /** The BigQuery dataset id of each layer. */
  datasets: Record<MedallionLayer, string>;
  /** The provider config the product's managed resources use. */
  providerConfigRef: { kind: string; name: string };
  /** Labels every resource of the product carries. */
  labels: Record<string, string>;
};

/** What a capability's compose step is given. */
export interface CapabilityComposeInput<Spec, Settings> {
  /** spec.capabilities.<name>, as the schema accepted it. */
  spec: Spec;
  product: DataProduct;
  context: ProductContext;
  /** The platform's settings for the capability (capability.settings). */
  settings: Settings;
}

/** What a capability's status is computed from. */
export interface CapabilityStatusInput<Spec, Settings> {
  spec: Spec;
  context: ProductContext;
  settings: Settings;
  /** Its composed resources as Crossplane observed them, by resource key. */
  observed: Record<string, KubernetesObject>;
}

/** One RBAC rule (rbac.authorization.k8s.io/v1 PolicyRule). */
export type PolicyRule = {
  apiGroups: string[];
  resources: string[];
  verbs: string[];
};

/** A line of a capability's card on the entity page. */
export type CapabilityFact = {
  label: string;
  value: string;
  /** A link the value opens, such as the dbt project's repository. */
  href?: string;
};

/** How a capability is doing, in a word and a tone. */
export type CapabilityState = {
  label: string;
  tone: 'ok' | 'pending' | 'warning' | 'error';
  /** Why, when the label alone does not say. */
  detail?: string;
};

/**
 * A capability's card on the entity page, as data: one generic card renders
 * every capability, so that a new one needs no frontend code.
 */
export type CapabilityCard = {
  title: string;
  state?: CapabilityState;
  facts: CapabilityFact[];
};

/**
 * A page of the Create form, in the scaffolder template's `parameters`
 * form: its answers come under the capability's name.
 */
export type CapabilityFormPage = {
  title: string;
  description?: string;
  /** The JSON Schema (with ui: options) of the page's one object answer. */
  schema: Record<string, unknown>;
};

/**
 * A data product capability: something a product can have beyond its
 * datasets and service account (dbt models, Fivetran connections), in one
 * folder. The DataProduct XRD includes its schema under
 * `spec.capabilities.<name>`; the Composition runs its compose step after
 * the core step; the XR reports its status under `status.capabilities.<name>`;
 * Crossplane gets its RBAC through an aggregated ClusterRole; the Create form
 * shows its page; the entity page its card; `meshifi validate` its problems.
 * A capability registers with one line in registry.ts.
 */
export interface Capability<Spec = any, Settings = any> {
  /** The key under spec.capabilities and status.capabilities: lower-case letters. */
  name: string;
  /** How people call it, e.g. "dbt models". */
  title: string;
  /** One sentence for the Create form and the README. */
  description: string;
  /** spec.capabilities.<name>. */
  schema: MeshifiSchema;
  /** status.capabilities.<name>. */
  statusSchema: MeshifiSchema;
  /**
   * The platform's settings for the capability from their raw form (the
   * function input's or app-config's `platform.capabilities.<name>`). Throws
   * an Error that tells the platform engineer what to set.
   */
  settings(raw: unknown): Settings;
  /**
   * The settings the package ships in the Composition's step of the
   * capability, written out so that a platform sees what to change.
   */
  packagedSettings: Record<string, unknown>;
  /** What the schema cannot say is wrong with the product's fragment. */
  problems(input: {
    spec: Spec;
    product: DataProduct;
    /** Undefined where the platform's settings are not known (meshifi validate). */
    settings?: Settings;
  }): Problem[];
  /** The desired resources of the capability. Only called when its key is present. */
  compose(input: CapabilityComposeInput<Spec, Settings>): ComposedResource[];
  /** status.capabilities.<name>, from what Crossplane observed. */
  status(input: CapabilityStatusInput<Spec, Settings>): Record<string, unknown>;
  /** What Crossplane needs to be allowed to compose it, beyond the GCP provider's kinds. */
  rbac: PolicyRule[];
  /** Its page of the Create form, and how the page's answers become its spec. */
  form: {
    page: CapabilityFormPage;
    /**
     * The spec the page's answers ask for; undefined when the analyst did
     * not turn the capability on. Throws a ValidationError for answers it
     * cannot use. `settings` are the platform's, where known.
     */
    fromAnswers(
      answers: unknown,
      target: { product: string; domain?: string; settings?: Settings },
    ): Spec | undefined;
  };
  /** Its card on the entity page, from the spec and the status the XR reports. */
  card(input: { spec: Spec; status?: Record<string, unknown> }): CapabilityCard;
}
