import { stringify } from 'yaml';

/**
 * The catalog file of the template tests' organisation: the sales team (with
 * an email, so that it can own a product), Ana in it, and the domain sales.
 */
export const SALES_ORG_YAML = [
  {
    kind: 'Group',
    metadata: { name: 'sales-analytics' },
    spec: {
      type: 'team',
      profile: { email: 'sales@example.com' },
      children: [],
    },
  },
  {
    kind: 'User',
    metadata: { name: 'ana' },
    spec: { profile: { email: 'ana@example.com' }, memberOf: [] },
  },
  {
    kind: 'Domain',
    metadata: { name: 'sales' },
    spec: { owner: 'group:default/sales-analytics' },
  },
]
  .map(e => stringify({ apiVersion: 'backstage.io/v1alpha1', ...e }))
  .join('---\n');
