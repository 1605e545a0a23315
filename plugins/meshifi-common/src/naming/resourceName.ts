import { MedallionLayer } from '../constants';
import { digest } from './digest';

/**
 * Kubernetes names of the managed resources composed for a product. They live
 * in the product's namespace, so the product name makes them unique.
 */
export const resourceNames = {
  dataset: (product: string, layer: MedallionLayer) => `${product}-${layer}`,
  datasetWriter: (product: string, layer: MedallionLayer) =>
    `${product}-${layer}-writer`,
  serviceAccount: (product: string) => `${product}-sa`,
  jobUser: (product: string) => `${product}-job-user`,
  /**
   * What a DataAccess composes on one layer: `<grant>-<layer>-reader`, at most
   * 63 + 15 characters. A layer is never the dash-separated end of another
   * (raw, cleaned, curated), so two grants never share a name; products'
   * IAM members end in `-writer` and grants' in `-reader`.
   */
  datasetReader: (grant: string, layer: MedallionLayer) =>
    `${grant}-${layer}-reader`,
  /**
   * An output port's table: `<product>.<port>`, with the port's underscores
   * as dashes (Kubernetes names have none). A product name has no dot and a
   * port name no dash, so two ports never share a name.
   */
  table: (product: string, port: string) =>
    `${product}.${port.replace(/_/g, '-')}`,
  // An email cannot be part of a Kubernetes name; its hash can.
  ownerImpersonation: (product: string, ownerEmail: string) =>
    `${product}-owner-${digest(ownerEmail.toLowerCase(), 13)}`,
};
