import { DependencyGraphTypes } from '@backstage/core-components';
import {
  iamMemberName,
  PendingResource,
  ProvisionedResource,
  ProvisioningReport,
} from '@meshifi/common';

export type NodeState =
  | 'ready'
  | 'creating'
  | 'failing'
  | 'missing'
  | 'product'
  | 'group';

/** A node of the graph: what it is for on top, its name under it. */
export interface GraphNode {
  id: string;
  /** What it is for, e.g. "Raw dataset"; fits a node. */
  title: string;
  /** Its name, shortened in the middle to fit; absent for groups. */
  name?: string;
  /** Everything, for the tooltip: kind and full name. */
  full: string;
  state: NodeState;
}

/** Characters of 12 px text that fit a node's width with its padding. */
export const LABEL_MAX_CHARS = 30;

/** The groups an analyst thinks in, and which roles belong to each. */
const GROUPS = [
  { id: 'group/datasets', title: 'Datasets', roles: ['dataset'] },
  {
    id: 'group/service-account',
    title: 'Service account',
    roles: ['service-account'],
  },
  {
    id: 'group/access',
    title: 'Access',
    roles: ['dataset-writer', 'job-user', 'owner-impersonation'],
  },
] as const;

/** "customer_lifetime_value_predictions_raw" → "customer_lifetim…ictions_raw". */
export function shortened(text: string, max = LABEL_MAX_CHARS): string {
  if (text.length <= max) {
    return text;
  }
  const tail = Math.floor((max - 1) / 2);
  const head = max - 1 - tail;
  return `${text.slice(0, head)}…${text.slice(text.length - tail)}`;
}

const capitalised = (text: string) =>
  text.charAt(0).toUpperCase() + text.slice(1);

/** A node's top line: what the resource is for, short. */
function titleOf(resource: {
  role?: string;
  layer?: string;
  kind: string;
  member?: string;
}): string {
  switch (resource.role) {
    case 'dataset':
      return capitalised(`${resource.layer ?? ''} dataset`.trim());
    case 'dataset-writer':
      return `Writes to ${resource.layer ?? 'a dataset'}`;
    case 'service-account':
      return 'Service account';
    case 'job-user':
      return 'Runs BigQuery queries';
    case 'owner-impersonation':
      return shortened(
        `${
          resource.member ? iamMemberName(resource.member) : 'An owner'
        } acts as it`,
      );
    default:
      return resource.kind;
  }
}

/**
 * Datasets and service accounts by their name in Google Cloud; IAM bindings
 * by their Kubernetes name, as their external names are long role/member
 * strings.
 */
function nameOf(resource: ProvisionedResource): string {
  switch (resource.role) {
    case 'dataset':
      return (
        resource.details.datasetId ?? resource.externalName ?? resource.name
      );
    case 'service-account':
      return resource.externalName ?? resource.name;
    default:
      return resource.name;
  }
}

function stateOf(resource: ProvisionedResource): NodeState {
  if (resource.problem) {
    return 'failing';
  }
  return resource.ready ? 'ready' : 'creating';
}

function resourceNode(resource: ProvisionedResource): GraphNode {
  const name = nameOf(resource);
  return {
    id: `${resource.kind}/${resource.name}`,
    title: titleOf({ ...resource, member: resource.details.member }),
    name: shortened(name),
    full: [resource.kind, name, resource.details.email]
      .filter(Boolean)
      .join(' '),
    state: stateOf(resource),
  };
}

function missingNode(resource: PendingResource): GraphNode {
  return {
    id: `${resource.kind}/${resource.name}`,
    title: `${titleOf(resource)} (not yet)`,
    name: shortened(resource.name),
    full: `${resource.kind} ${resource.name}: ${resource.summary}`,
    state: 'missing',
  };
}

/**
 * The graph's nodes: the product, a node per group (datasets, service
 * account, access), and under each what exists and what is still missing.
 */
export function graphOf(
  productName: string,
  report: ProvisioningReport,
): { nodes: GraphNode[]; edges: DependencyGraphTypes.DependencyEdge[] } {
  const product: GraphNode = {
    id: 'product',
    title: shortened(productName),
    full: productName,
    state: 'product',
  };
  const nodes: GraphNode[] = [product];
  const edges: DependencyGraphTypes.DependencyEdge[] = [];
  const members = [
    ...report.resources.map(r => ({ role: r.role, node: resourceNode(r) })),
    ...report.missing.map(m => ({ role: m.role, node: missingNode(m) })),
  ];
  const grouped = new Set<string>();
  for (const group of GROUPS) {
    const inGroup = members.filter(m =>
      (group.roles as readonly string[]).includes(m.role ?? ''),
    );
    if (inGroup.length === 0) {
      continue;
    }
    nodes.push({
      id: group.id,
      title: group.title,
      full: group.title,
      state: 'group',
    });
    edges.push({ from: product.id, to: group.id });
    for (const { node } of inGroup) {
      nodes.push(node);
      edges.push({ from: group.id, to: node.id });
      grouped.add(node.id);
    }
  }
  for (const { node } of members.filter(m => !grouped.has(m.node.id))) {
    nodes.push(node);
    edges.push({ from: product.id, to: node.id });
  }
  return { nodes, edges };
}
