import { capabilityProblems } from '../productCapabilities';
import { capabilitiesSpecSchema } from '../capabilitiesSchema';
import { schemaValidator } from '../../validation/schemaValidator';
import { toKubernetesSchema } from '../../schema/jsonSchema';
import { dbtCapability } from './index';
import { productWithDbt, settings } from './__testUtils__/dbtFixtures';

const validateFragment = schemaValidator(
  capabilitiesSpecSchema([dbtCapability]),
);

describe('dbtCapability', () => {
  it('is a capability named dbt whose schema takes the spec fragment', () => {
    expect(dbtCapability.name).toBe('dbt');
    expect(
      validateFragment({
        dbt: {
          repository: 'https://github.com/acme/sales-dbt.git',
          schedule: '0 6 * * *',
          command: 'dbt build --select tag:daily',
          path: 'sales/orders',
          revision: 'main',
        },
      }).ok,
    ).toBe(true);
  });

  it("refuses with the schema's own words for analysts", () => {
    const result = validateFragment({
      dbt: {
        repository: 'git@github.com:acme/x.git',
        schedule: 'daily',
        command: 'dbt build; id',
      },
    });
    expect(result.ok).toBe(false);
    const messages = result.ok
      ? []
      : result.problems.map(p => `${p.path}: ${p.message}`);
    expect(messages).toEqual(
      expect.arrayContaining([
        expect.stringContaining(
          "dbt.repository: dbt project repository: Give the repository's https address",
        ),
        expect.stringContaining(
          'dbt.schedule: Schedule: Write the schedule as five fields',
        ),
        expect.stringContaining(
          'dbt.command: dbt command: Write dbt followed by build',
        ),
      ]),
    );
  });

  it('needs only a repository to be complete in a manifest (the schedule has a default)', () => {
    const schema = toKubernetesSchema(dbtCapability.schema);
    expect(schema.required).toEqual(['repository', 'schedule']);
    expect(schema.properties?.schedule.default).toBe('0 6 * * *');
    expect(JSON.stringify(schema)).not.toContain('x-meshifi');
  });

  it('reports its problems under spec.capabilities.dbt, with the platform prefixes when known', () => {
    const product = productWithDbt({
      repository: 'https://gitlab.com/other/x.git',
      schedule: '0 25 * * *',
    });
    expect(
      capabilityProblems(product, {}, [dbtCapability]).map(p => p.path),
    ).toEqual(['spec.capabilities.dbt.schedule']);
    expect(
      capabilityProblems(
        product,
        {
          dbt: { ...settings, repositoryPrefixes: ['https://github.com/acme'] },
        },
        [dbtCapability],
      ).map(p => p.path),
    ).toEqual([
      'spec.capabilities.dbt.repository',
      'spec.capabilities.dbt.schedule',
    ]);
  });

  it('asks for the Kubernetes objects it composes, with the verbs Crossplane applies them with', () => {
    const rules = dbtCapability.rbac;
    const allowed = (group: string, resource: string) =>
      rules.find(
        r => r.apiGroups.includes(group) && r.resources.includes(resource),
      )?.verbs;
    for (const [group, resource] of [
      ['', 'serviceaccounts'],
      ['', 'configmaps'],
      ['batch', 'cronjobs'],
    ]) {
      expect(allowed(group, resource)).toEqual(
        expect.arrayContaining([
          'get',
          'list',
          'watch',
          'create',
          'update',
          'patch',
          'delete',
        ]),
      );
    }
  });

  it('reads the settings it packages', () => {
    expect(dbtCapability.settings(dbtCapability.packagedSettings)).toEqual(
      dbtCapability.packagedSettings,
    );
  });
});
