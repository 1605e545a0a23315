import { parseDocument } from 'yaml';
import { Validated } from '../validation/Problem';

/**
 * The most text an imported document may hold: a contract of 200 columns
 * with their descriptions and checks is well under it.
 */
export const STANDARD_YAML_MAX_CHARACTERS = 512 * 1024;

/**
 * Reads a YAML (or JSON) document someone else wrote, safely: within a size,
 * one document, YAML 1.2's core types only (no custom tags), no anchors or
 * aliases (which can make a small file expand without end), no repeated
 * keys. Never throws: what cannot be read is a problem in words.
 */
export function readStandardYaml(text: unknown): Validated<unknown> {
  if (typeof text !== 'string' || text.trim() === '') {
    return refused('The file is empty: choose a data contract file (YAML).');
  }
  if (text.length > STANDARD_YAML_MAX_CHARACTERS) {
    return refused(
      `The file is too large (${Math.ceil(
        text.length / 1024,
      )} KB): a data contract may be at most ${
        STANDARD_YAML_MAX_CHARACTERS / 1024
      } KB.`,
    );
  }
  try {
    const document = parseDocument(text, {
      schema: 'core',
      uniqueKeys: true,
      prettyErrors: true,
    });
    const [error] = document.errors;
    if (error) {
      return refused(
        `The file is not valid YAML: ${firstLine(
          error.message,
        )}. Check it in an editor and try again.`,
      );
    }
    const [warning] = document.warnings;
    if (warning) {
      return refused(
        `The file uses something meshifi does not read: ${firstLine(
          warning.message,
        )}. Remove the YAML tags (words starting with !) and try again.`,
      );
    }
    return { ok: true, value: document.toJS({ maxAliasCount: 0 }) };
  } catch (error) {
    return refused(
      /alias/i.test(String((error as Error)?.message))
        ? 'The file uses YAML anchors and aliases (& and *): write each value out in full and try again.'
        : 'The file could not be read as YAML: check it in an editor and try again.',
    );
  }
}

function refused(message: string): Validated<unknown> {
  return { ok: false, problems: [{ path: '', message }] };
}

/** An error's first line, without the excerpt of the file yaml adds. */
function firstLine(message: string): string {
  return message.split('\n')[0].replace(/:$/, '');
}
