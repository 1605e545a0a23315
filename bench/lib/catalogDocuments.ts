/*
 * The documents the catalog benchmarks feed the catalog, and the catalog
 * module's own cost per document: turning a DataProduct manifest into its
 * entities (parse, validate, convert) and running MeshifiEntityProcessor on
 * the product entity, against Backstage's own BuiltinKindsEntityProcessor on
 * a plain Component. Catalog lookups are served from a warm snapshot, as in
 * steady state.
 */
import { BuiltinKindsEntityProcessor } from '@backstage/plugin-catalog-backend';
import { parseEntityYaml } from '@backstage/plugin-catalog-node';
import { dataDomainManifest, dataProductManifest } from '@meshifi/common';
import {
  createMeshifiEntityDataParser,
  MeshifiEntityProcessor,
} from '@meshifi/plugin-catalog-backend-module-meshifi';
import { stringify } from 'yaml';
import { Figure } from './figures';

/** Products are spread over this many domains. */
export const DOMAINS = 20;
/** The Backstage owner of products whose manifest names none. */
export const DEFAULT_OWNER = 'group:default/data-platform';

export const productManifest = (i: number) =>
  dataProductManifest({
    info: {
      name: `product-${i}`,
      version: '0.1.0',
      title: `Product ${i}`,
      description: 'Orders by customer',
    },
    access: { owners: ['ana@example.com', 'bo@example.com'] },
    domain: `domain-${i % DOMAINS}`,
  });

export const domainManifest = (d: number) =>
  dataDomainManifest(`domain-${d}`, {
    title: `Domain ${d}`,
    owner: DEFAULT_OWNER,
    gcpProject: `acme-domain-${d}`,
  });

export const componentEntity = (i: number) => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name: `component-${i}`,
    title: `Component ${i}`,
    description: 'A service',
  },
  spec: {
    type: 'service',
    lifecycle: 'production',
    owner: 'group:default/team',
    system: 'shop',
    dependsOn: ['resource:default/db'],
  },
});

export const productYaml = (i: number) => stringify(productManifest(i));
export const componentYaml = (i: number) => stringify(componentEntity(i));

/** What processing `documents` documents of one kind cost. */
export interface ProcessingCost {
  label: string;
  documents: number;
  ms: number;
  perDocumentMicros: number;
  entities: number;
}

const location = { type: 'file', target: 'bench.yaml' };

const lookups = {
  usersWithEmail: async (email: string) =>
    email.startsWith('ana') ? ['user:default/ana'] : [],
  projectOfDomain: async (domain: string) => `${domain}-project`,
} as any;

async function time(
  label: string,
  documents: number,
  run: () => Promise<number>,
): Promise<ProcessingCost> {
  const started = process.hrtime.bigint();
  const entities = await run();
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  return {
    label,
    documents,
    ms,
    perDocumentMicros: (ms * 1000) / documents,
    entities,
  };
}

/**
 * Runs `documents` plain Components through the catalog's YAML parser and
 * BuiltinKindsEntityProcessor, then as many DataProduct manifests through
 * the meshifi parser and MeshifiEntityProcessor, in process.
 */
export async function measureProcessingCost(
  documents: number,
): Promise<{ component: ProcessingCost; product: ProcessingCost }> {
  const products = Array.from({ length: documents }, (_, i) =>
    Buffer.from(productYaml(i)),
  );
  const components = Array.from({ length: documents }, (_, i) =>
    Buffer.from(componentYaml(i)),
  );
  const parser = createMeshifiEntityDataParser({ defaultOwner: DEFAULT_OWNER });
  const meshifi = new MeshifiEntityProcessor({ lookups });
  const builtin = new BuiltinKindsEntityProcessor();
  const emit = () => {};

  const component = await time(
    'Component: YAML parse + BuiltinKindsEntityProcessor',
    documents,
    async () => {
      let count = 0;
      for (const data of components) {
        for (const result of parseEntityYaml(data, location)) {
          if (result.type === 'entity') {
            await builtin.validateEntityKind(result.entity);
            await builtin.postProcessEntity(result.entity, location, emit);
            count++;
          }
        }
      }
      return count;
    },
  );
  const product = await time(
    'DataProduct: meshifi parser + MeshifiEntityProcessor',
    documents,
    async () => {
      let count = 0;
      for (const data of products) {
        for await (const result of parser({ data, location })) {
          if (result.type === 'entity') {
            if (await meshifi.validateEntityKind(result.entity)) {
              await meshifi.postProcessEntity(result.entity, location, emit);
            } else {
              await builtin.validateEntityKind(result.entity);
              await builtin.postProcessEntity(result.entity, location, emit);
            }
            count++;
          }
        }
      }
      return count;
    },
  );
  return { component, product };
}

/** The lines that report a processing cost measurement. */
export function formatProcessingCost(results: {
  component: ProcessingCost;
  product: ProcessingCost;
}): string[] {
  const { component, product } = results;
  return [
    ...[component, product].map(
      r =>
        `${r.label.padEnd(56)} ${r.ms
          .toFixed(0)
          .padStart(6)} ms  ${r.perDocumentMicros
          .toFixed(0)
          .padStart(5)} µs/document  ${String(r.entities).padStart(
          6,
        )} entities`,
    ),
    `ratio DataProduct / Component per document: ${(
      product.perDocumentMicros / component.perDocumentMicros
    ).toFixed(2)}x`,
  ];
}

/** The processing cost as the figure catalog-processing and catalog-ingest claim. */
export const processingFigure = (results: {
  component: ProcessingCost;
  product: ProcessingCost;
}): Figure => ({
  figure: 'processing per document (DataProduct)',
  unit: 'µs',
  meshifi: results.product.perDocumentMicros,
  baseline: results.component.perDocumentMicros,
  baselineIs: 'a plain Component',
});
