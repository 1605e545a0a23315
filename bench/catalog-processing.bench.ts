/*
 * The catalog module's own cost per document: turning a DataProduct manifest
 * into its entities (parse, validate, convert) and running
 * MeshifiEntityProcessor on the product entity, against Backstage's own
 * BuiltinKindsEntityProcessor on a plain Component in the same run.
 * Catalog lookups are served from a warm snapshot, as in steady state.
 *
 * Run: yarn bench catalog-processing   (--quick: 2,000 documents)
 */
import {
  formatProcessingCost,
  measureProcessingCost,
  processingFigure,
} from './lib/catalogDocuments';
import { recordFigures } from './lib/figures';
import { size } from './lib/runMode';

const DOCUMENTS = size('documents of each kind', {
  full: 10_000,
  quick: 2_000,
  dry: 1,
});

async function main() {
  const started = Date.now();
  const results = await measureProcessingCost(DOCUMENTS);
  console.log(`catalog processing, ${DOCUMENTS} documents each, in process`);
  for (const line of formatProcessingCost(results)) {
    console.log(line);
  }
  recordFigures({
    benchmark: 'catalog-processing',
    startedAt: new Date(started).toISOString(),
    durationSeconds: (Date.now() - started) / 1000,
    sizes: { documents: DOCUMENTS },
    figures: [processingFigure(results)],
    details: results,
  });
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
