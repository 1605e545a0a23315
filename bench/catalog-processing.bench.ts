/*
 * The catalog module's own cost per document: turning a DataProduct manifest
 * into its entities (parse, validate, convert) and running
 * MeshifiEntityProcessor on the product entity, against Backstage's own
 * BuiltinKindsEntityProcessor on a plain Component in the same run.
 * Catalog lookups are served from a warm snapshot, as in steady state.
 *
 * Run: yarn bench catalog-processing
 */
import { BuiltinKindsEntityProcessor } from '@backstage/plugin-catalog-backend';
import { parseEntityYaml } from '@backstage/plugin-catalog-node';
import { dataProductManifest } from '@meshifi/common';
import {
  createMeshifiEntityDataParser,
  MeshifiEntityProcessor,
} from '@meshifi/plugin-catalog-backend-module-meshifi';
import { stringify } from 'yaml';

const DOCUMENTS = 10_000;
const location = { type: 'file', target: 'bench.yaml' };

const productYaml = (i: number) =>
  stringify(
    dataProductManifest({
      info: {
        name: `product-${i}`,
        version: '0.1.0',
        title: `Product ${i}`,
        description: 'Orders by customer',
      },
      access: { owners: ['ana@example.com', 'bo@example.com'] },
      domain: `domain-${i % 20}`,
    }),
  );
const componentYaml = (i: number) =>
  stringify({
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

const lookups = {
  usersWithEmail: async (email: string) =>
    email.startsWith('ana') ? ['user:default/ana'] : [],
  projectOfDomain: async (domain: string) => `${domain}-project`,
} as any;

async function time(label: string, run: () => Promise<number>) {
  const started = process.hrtime.bigint();
  const entities = await run();
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  return { label, ms, perDocument: (ms * 1000) / DOCUMENTS, entities };
}

async function main() {
  const products = Array.from({ length: DOCUMENTS }, (_, i) =>
    Buffer.from(productYaml(i)),
  );
  const components = Array.from({ length: DOCUMENTS }, (_, i) =>
    Buffer.from(componentYaml(i)),
  );
  const parser = createMeshifiEntityDataParser({
    defaultOwner: 'group:default/data-platform',
  });
  const meshifi = new MeshifiEntityProcessor({ lookups });
  const builtin = new BuiltinKindsEntityProcessor();
  const emit = () => {};

  const componentRun = await time(
    'Component: YAML parse + BuiltinKindsEntityProcessor',
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
  const productRun = await time(
    'DataProduct: meshifi parser + MeshifiEntityProcessor',
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
  console.log(`catalog processing, ${DOCUMENTS} documents each, in process`);
  for (const r of [componentRun, productRun]) {
    console.log(
      `${r.label.padEnd(56)} ${r.ms.toFixed(0).padStart(6)} ms  ${r.perDocument
        .toFixed(0)
        .padStart(5)} µs/document  ${String(r.entities).padStart(6)} entities`,
    );
  }
  console.log(
    `ratio DataProduct / Component per document: ${(
      productRun.perDocument / componentRun.perDocument
    ).toFixed(2)}x`,
  );
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
