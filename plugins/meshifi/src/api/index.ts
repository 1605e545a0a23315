export { meshifiApiRef } from './MeshifiApi';
export type { MeshifiApi } from './MeshifiApi';
export { MeshifiClient } from './MeshifiClient';
