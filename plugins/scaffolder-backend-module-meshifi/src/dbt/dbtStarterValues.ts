import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import {
  DataProduct,
  datasetId,
  MEDALLION_LAYERS,
  MedallionLayer,
} from '@meshifi/common';
import { examples } from './dbtStarterValues.examples';
import { productManifestOf } from './productManifestOf';

/** What the starter dbt project (templates/data-product/dbt-starter) is rendered with. */
export interface DbtStarterValues {
  /** The product's name: the dbt project's name is it with underscores. */
  name: string;
  title?: string;
  description?: string;
  /** The GCP project of its datasets. */
  project: string;
  /** The BigQuery dataset id of each layer, rendered into the project as the fallback of MESHIFI_<LAYER>_DATASET. */
  datasets: Record<MedallionLayer, string>;
}

/**
 * The values of the starter project of a product, from its manifest: its
 * datasets' ids as the Composition names them (datasetId), so that the
 * template does not spell the naming rule out again.
 */
export function dbtStarterValuesOf(
  manifest: DataProduct,
  project: string,
): DbtStarterValues {
  const { name, title, description } = manifest.spec.info;
  return {
    name,
    ...(title ? { title } : {}),
    ...(description ? { description } : {}),
    project,
    datasets: Object.fromEntries(
      MEDALLION_LAYERS.map(layer => [layer, datasetId(name, layer)]),
    ) as Record<MedallionLayer, string>,
  };
}

/**
 * `meshifi:dbt:starter-values`: the values `fetch:template` renders the
 * starter dbt project with (`templates/data-product/dbt-starter`), from the
 * manifest and the GCP project the create step output.
 *
 * @public
 */
export function dbtStarterValuesAction() {
  return createTemplateAction({
    id: 'meshifi:dbt:starter-values',
    description:
      "Gives the values the starter dbt project is rendered with: the product's name, title and description, its GCP project and its datasets' ids.",
    examples,
    supportsDryRun: true,
    schema: {
      input: {
        manifest: z =>
          z
            .string()
            .describe('The DataProduct manifest (YAML) the create step output'),
        project: z =>
          z.string().describe("The GCP project of the product's datasets"),
      },
      output: {
        values: z =>
          z
            .record(z.string(), z.unknown())
            .describe(
              'name, title, description, project and datasets (raw, cleaned, curated), for fetch:template',
            ),
      },
    },
    async handler(ctx) {
      const manifest = productManifestOf(ctx.input.manifest);
      ctx.output(
        'values',
        dbtStarterValuesOf(manifest, ctx.input.project) as unknown as Record<
          string,
          unknown
        >,
      );
    },
  });
}
