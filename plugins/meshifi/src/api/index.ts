export { meshifiApiRef } from './MeshifiApi';
export type { DownloadedFile, MeshifiApi } from './MeshifiApi';
export { MeshifiClient } from './MeshifiClient';
