import { decodeDataUrl, OutputPort, outputPortFromOdcs } from '@meshifi/common';

/**
 * The output port of the data contract file a form was given (the
 * "Data product from a data contract" template's file field, a data URL),
 * read as the import action reads it, so that the plan shows its table
 * before Create; or why the file cannot be read, in words for the analyst.
 */
export function contractOfForm(file: unknown): {
  outputPorts: OutputPort[];
  problems: string[];
} {
  if (typeof file !== 'string' || file === '') {
    return { outputPorts: [], problems: [] };
  }
  let text: string;
  try {
    text = decodeDataUrl(file).text;
  } catch (error) {
    return { outputPorts: [], problems: [(error as Error).message] };
  }
  const imported = outputPortFromOdcs(text);
  return imported.ok
    ? { outputPorts: [imported.value.port], problems: [] }
    : { outputPorts: [], problems: imported.problems.map(p => p.message) };
}
