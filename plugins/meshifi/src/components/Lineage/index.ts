export { dataProductLineageGraph } from './dataProductLineageGraph';
