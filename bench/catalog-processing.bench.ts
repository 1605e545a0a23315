/*
 * The catalog module's own cost per document: turning a DataProduct manifest
 * into its entities (parse, validate, convert) and running
 * MeshifiEntityProcessor on the product entity, against Backstage's own
 * BuiltinKindsEntityProcessor on a plain Component in the same run.
 * Catalog lookups are served from a warm snapshot, as in steady state.
 *
 * Run: yarn bench catalog-processing
 */
import {
  formatProcessingCost,
  measureProcessingCost,
} from './lib/catalogDocuments';

const DOCUMENTS = 10_000;

async function main() {
  const results = await measureProcessingCost(DOCUMENTS);
  console.log(`catalog processing, ${DOCUMENTS} documents each, in process`);
  for (const line of formatProcessingCost(results)) {
    console.log(line);
  }
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
