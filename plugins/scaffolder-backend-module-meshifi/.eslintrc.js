module.exports = require('@backstage/cli/config/eslint-factory')(__dirname, {
  rules: {
    // Tests name their helpers that assert expectX, e.g. expectRefused.
    'jest/expect-expect': [
      'warn',
      { assertFunctionNames: ['expect', 'expect[A-Z]*'] },
    ],
  },
});
