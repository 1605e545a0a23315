/**
 * The repository a benchmark measures. `yarn bench` runs the bundled
 * benchmark from a temporary folder and exports MESHIFI_ROOT so that it finds
 * node_modules, the control plane scripts and bench/results.
 */
export const repositoryRoot = process.env.MESHIFI_ROOT ?? process.cwd();
