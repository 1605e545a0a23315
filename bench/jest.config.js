/*
 * Backstage's jest config looks for a package's tests in its src/ folder;
 * the benchmarks' shared code, and its tests, are in lib/. The same node
 * setup (swc for TypeScript, the node environment), rooted there.
 */
const path = require('node:path');

module.exports = {
  displayName: '@meshifi/bench',
  rootDir: path.join(__dirname, 'lib'),
  testMatch: ['**/*.test.ts'],
  testEnvironment: require.resolve('jest-environment-node'),
  transform: {
    '\\.ts$': [
      require.resolve('@backstage/cli/config/jestSwcTransform'),
      { jsc: { parser: { syntax: 'typescript' } } },
    ],
  },
};
