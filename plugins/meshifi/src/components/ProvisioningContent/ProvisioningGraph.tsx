import {
  DependencyGraph,
  DependencyGraphTypes,
  InfoCard,
} from '@backstage/core-components';
import { makeStyles } from '@material-ui/core';
import { ProvisionedResource, ProvisioningReport } from '@meshifi/common';

type NodeState = 'ready' | 'creating' | 'failing' | 'missing' | 'product';

interface Node {
  id: string;
  label: string;
  state: NodeState;
}

const useStyles = makeStyles(theme => ({
  ready: { fill: theme.palette.success.main },
  creating: { fill: theme.palette.info.main },
  failing: { fill: theme.palette.error.main },
  missing: { fill: theme.palette.grey[500] },
  product: { fill: theme.palette.primary.main },
  text: { fill: theme.palette.common.white, fontSize: 12 },
}));

const WIDTH = 220;
const HEIGHT = 36;

function GraphNode(props: { node: Node }) {
  const classes = useStyles();
  const { node } = props;
  return (
    <g data-testid={`graph-node-${node.id}`}>
      <rect
        width={WIDTH}
        height={HEIGHT}
        rx={8}
        className={classes[node.state]}
      />
      <text
        x={WIDTH / 2}
        y={HEIGHT / 2}
        textAnchor="middle"
        alignmentBaseline="middle"
        className={classes.text}
      >
        {node.label}
      </text>
    </g>
  );
}

/**
 * Datasets and service accounts by their name in Google Cloud; IAM bindings
 * by their Kubernetes name, as their external names are long role/member
 * strings that do not fit a node.
 */
function labelName(resource: ProvisionedResource): string {
  const named =
    resource.role === 'dataset' || resource.role === 'service-account';
  return (named && resource.externalName) || resource.name;
}

function stateOf(resource: ProvisionedResource): NodeState {
  if (resource.problem) {
    return 'failing';
  }
  return resource.ready ? 'ready' : 'creating';
}

/** The graph's nodes: the product, what exists, and what is still missing. */
export function graphOf(
  productName: string,
  report: ProvisioningReport,
): { nodes: Node[]; edges: DependencyGraphTypes.DependencyEdge[] } {
  const resources: Node[] = report.resources.map(r => ({
    id: `${r.kind}/${r.name}`,
    label: `${r.kind} ${labelName(r)}`,
    state: stateOf(r),
  }));
  const missing: Node[] = report.missing.map(m => ({
    id: `${m.kind}/${m.name}`,
    label: `${m.kind} ${m.name} (missing)`,
    state: 'missing',
  }));
  const nodes = [
    { id: 'product', label: productName, state: 'product' as const },
    ...resources,
    ...missing,
  ];
  return {
    nodes,
    edges: nodes.slice(1).map(n => ({ from: 'product', to: n.id })),
  };
}

/** Product → resources, coloured by state, with Backstage's graph. */
export function ProvisioningGraph(props: {
  productName: string;
  report: ProvisioningReport;
}) {
  const { nodes, edges } = graphOf(props.productName, props.report);
  return (
    <InfoCard title="What the product is made of">
      <DependencyGraph
        nodes={nodes}
        edges={edges}
        direction={DependencyGraphTypes.Direction.LEFT_RIGHT}
        renderNode={({ node }) => <GraphNode node={node} />}
        paddingX={20}
        paddingY={20}
        fit="contain"
        zoom="disabled"
      />
    </InfoCard>
  );
}
