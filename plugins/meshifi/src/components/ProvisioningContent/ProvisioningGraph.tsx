import {
  DependencyGraph,
  DependencyGraphTypes,
  InfoCard,
} from '@backstage/core-components';
import { makeStyles } from '@material-ui/core';
import { ProvisioningReport } from '@meshifi/common';
import { GraphNode, graphOf } from './graphOf';

const useStyles = makeStyles(theme => ({
  ready: { fill: theme.palette.success.main },
  creating: { fill: theme.palette.info.main },
  failing: { fill: theme.palette.error.main },
  missing: { fill: theme.palette.grey[500] },
  product: { fill: theme.palette.primary.main },
  group: { fill: theme.palette.grey[700] },
  title: { fill: theme.palette.common.white, fontSize: 12, fontWeight: 600 },
  name: { fill: theme.palette.common.white, fontSize: 11 },
}));

/** Wide enough for LABEL_MAX_CHARS characters of 12 px text and padding. */
const WIDTH = 240;
const HEIGHT = 44;

/** A node: what it is for, its name under it, everything on hover. */
function NodeBox(props: { node: GraphNode }) {
  const classes = useStyles();
  const { node } = props;
  const lines = node.name ? [node.title, node.name] : [node.title];
  return (
    <g data-testid={`graph-node-${node.id}`}>
      <title>{node.full}</title>
      <rect
        width={WIDTH}
        height={HEIGHT}
        rx={8}
        className={classes[node.state]}
      />
      {lines.map((line, i) => (
        <text
          key={i}
          x={WIDTH / 2}
          y={(HEIGHT * (i + 1)) / (lines.length + 1)}
          textAnchor="middle"
          dominantBaseline="middle"
          className={i === 0 ? classes.title : classes.name}
        >
          {line}
        </text>
      ))}
    </g>
  );
}

/**
 * Product → groups (datasets, service account, access) → resources,
 * coloured by state, with Backstage's graph.
 */
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
        renderNode={({ node }) => <NodeBox node={node} />}
        paddingX={20}
        paddingY={20}
        fit="contain"
        zoom="disabled"
      />
    </InfoCard>
  );
}
