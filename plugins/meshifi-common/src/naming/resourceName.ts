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
  // An email cannot be part of a Kubernetes name; its hash can.
  ownerImpersonation: (product: string, ownerEmail: string) =>
    `${product}-owner-${digest(ownerEmail.toLowerCase(), 13)}`,
};
