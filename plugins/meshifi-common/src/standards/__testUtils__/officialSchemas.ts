import Ajv2019 from 'ajv/dist/2019';
import { existsSync, readFileSync } from 'fs';
import path from 'path';

/**
 * The Bitol standards' own JSON Schemas, kept beside the repository in
 * ../shared/schemas and never in it: reference data for tests only.
 */
const SCHEMA_FILES = {
  odcs: 'odcs-json-schema-v3.1.0.json',
  odps: 'odps-json-schema-v1.0.0.json',
} as const;

/** The repository: MESHIFI_ROOT, else the folder five levels above this one. */
function repositoryRoot(): string {
  return process.env.MESHIFI_ROOT ?? path.resolve(__dirname, '../../../../..');
}

const schemasDir = path.resolve(repositoryRoot(), '..', 'shared', 'schemas');

/** Whether ../shared/schemas holds both schemas. */
export const officialSchemasPresent = Object.values(SCHEMA_FILES).every(file =>
  existsSync(path.join(schemasDir, file)),
);

/** What a test's name says when it is skipped for want of the schemas. */
export const officialSchemasNote = officialSchemasPresent
  ? ''
  : ' (skipped: ../shared/schemas with the ODCS and ODPS JSON Schemas is not beside the repository)';

/** A validator of one standard, answering the errors ajv found, or none. */
export function officialValidator(
  standard: keyof typeof SCHEMA_FILES,
): (document: unknown) => string[] {
  const schema = JSON.parse(
    readFileSync(path.join(schemasDir, SCHEMA_FILES[standard]), 'utf8'),
  );
  // The schemas are draft 2019-09; strict mode would refuse their
  // annotations (examples, deprecated) and their $defs of server kinds.
  const ajv = new Ajv2019({ allErrors: true, strict: false });
  // ajv-formats is not a dependency here: these checks are enough for the
  // formats the schemas use.
  ajv.addFormat('date', /^\d{4}-\d{2}-\d{2}$/);
  ajv.addFormat(
    'date-time',
    /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/,
  );
  ajv.addFormat('uri', /^[a-zA-Z][a-zA-Z0-9+.-]*:[^\s]*$/);
  const validate = ajv.compile(schema);
  return document =>
    validate(document)
      ? []
      : (validate.errors ?? []).map(
          e =>
            `${e.instancePath || '/'} ${e.message} ${JSON.stringify(e.params)}`,
        );
}
