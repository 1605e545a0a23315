import { ConfigReader } from '@backstage/config';
import {
  capabilityNamed,
  capabilitySettingsOf,
  composeCapability,
  DataDomain,
  DataProduct,
  PlatformConfig,
  productContextOf,
  ProductContext,
} from '@meshifi/common';
import { parse, stringify } from 'yaml';
import { exampleTenancy } from '../../__testUtils__/exampleTenancy';
import { runExample } from '../../__testUtils__/runExample';
import { createDataProductAction } from '../../actions/createDataProduct';
import { examples as productExamples } from '../../actions/createDataProduct.examples';

/**
 * The platform the dbt tests run on: the examples' platform with a starter
 * repository; plain JSON, for app-config as for the model.
 */
export function starterPlatform(starterRepository: string) {
  return {
    project: 'meshifi-platform',
    location: 'EU',
    capabilities: { dbt: { starterRepository } },
  };
}

/** The domain of the create action's first example, as Crossplane has it. */
export const SALES_DOMAIN: DataDomain = {
  apiVersion: 'meshifi.io/v1alpha1',
  kind: 'DataDomain',
  metadata: { name: 'sales' },
  spec: {
    owner: 'group:default/sales-analytics',
    gcpProject: 'acme-sales-data',
  },
};

/**
 * What the create step outputs for the first example's product
 * (customer-orders in sales) when the analyst turned dbt on and asked for a
 * starter project: the real action, with the dbt page's answers.
 */
export async function createStarterProduct(options: {
  workspacePath: string;
  platform: ReturnType<typeof starterPlatform>;
}): Promise<Record<string, unknown>> {
  const config = new ConfigReader({ meshifi: { platform: options.platform } });
  // The first example's step, with the answers of the dbt page.
  const example = parse(productExamples[0].example);
  example.steps[0].input.capabilities = {
    dbt: { enabled: true, project: 'starter' },
  };
  const withDbt = {
    description: productExamples[0].description,
    example: stringify(example),
  };
  return runExample(
    createDataProductAction({ ...exampleTenancy(), config }),
    withDbt,
    { workspacePath: options.workspacePath },
  );
}

/**
 * The profiles.yml the dbt capability composes for the product: the data
 * of its ConfigMap, which the CronJob mounts, with the context the core
 * step passes on for the product in that domain (none: the platform's
 * project).
 */
export function composedProfilesYml(
  manifestText: string,
  platform: PlatformConfig,
  domain: DataDomain | undefined,
): { profilesYml: string; context: ProductContext } {
  const manifest = parse(manifestText) as DataProduct;
  const dbt = capabilityNamed('dbt');
  if (!dbt) {
    throw new Error('meshifi has no dbt capability registered');
  }
  const settings = capabilitySettingsOf(dbt, platform);
  if (!settings.ok) {
    throw new Error(settings.message);
  }
  const context = productContextOf(manifest, platform, domain);
  const configMap = composeCapability(
    dbt,
    manifest,
    context,
    settings.settings,
  ).find(c => c.resource.kind === 'ConfigMap');
  const profilesYml = (configMap?.resource as { data?: Record<string, string> })
    ?.data?.['profiles.yml'];
  if (!profilesYml) {
    throw new Error(
      'The dbt capability composed no ConfigMap with profiles.yml',
    );
  }
  return { profilesYml, context };
}
