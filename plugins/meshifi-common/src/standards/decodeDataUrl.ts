import { InputError } from '@backstage/errors';

/** The most bytes a file of a form may hold: more than any contract needs. */
export const DATA_URL_MAX_BYTES = 2 * 1024 * 1024;

/** A file the form's file field gave, as text. */
export interface UploadedFile {
  /** The file's name on the analyst's computer, when the form said it. */
  name?: string;
  text: string;
}

// data:[<media type>][;name=<file name>][;<parameter>]*[;base64],<data>
const DATA_URL = /^data:([^,;]*)((?:;[^,;]*)*?)(;base64)?,(.*)$/s;
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

const notAFile = () =>
  new InputError(
    'The file could not be read from the form: choose the file again, and if it still fails, save it as UTF-8 text (YAML) first.',
  );

function nameOf(parameters: string): string | undefined {
  const param = parameters.split(';').find(part => part.startsWith('name='));
  if (!param) {
    return undefined;
  }
  try {
    return decodeURIComponent(param.slice('name='.length));
  } catch {
    return undefined;
  }
}

/**
 * The text of a file a form's file field gave as a data URL (rjsf's file
 * widget: `data:<type>;name=<file>;base64,<data>`). Refuses, with what to
 * do, what is no data URL, larger than {@link DATA_URL_MAX_BYTES}, or not
 * UTF-8 text.
 */
export function decodeDataUrl(url: unknown): UploadedFile {
  if (typeof url !== 'string' || url === '') {
    throw new InputError('Choose a file: none was given.');
  }
  const match = DATA_URL.exec(url);
  if (!match) {
    throw notAFile();
  }
  const [, , parameters, base64, data] = match;
  // Every 4 characters of base64 are 3 bytes: refuse before decoding.
  const size = base64 ? Math.floor((data.length * 3) / 4) : data.length;
  if (size > DATA_URL_MAX_BYTES) {
    throw new InputError(
      `The file is too large (${Math.ceil(
        size / 1024,
      )} KB): choose a file of at most ${DATA_URL_MAX_BYTES / 1024} KB.`,
    );
  }
  // atob and TextEncoder, not Buffer: the Create page reads the file too.
  let content: Uint8Array;
  if (base64) {
    if (!BASE64.test(data)) {
      throw notAFile();
    }
    try {
      content = Uint8Array.from(atob(data), c => c.charCodeAt(0));
    } catch {
      throw notAFile();
    }
  } else {
    try {
      content = new TextEncoder().encode(decodeURIComponent(data));
    } catch {
      throw notAFile();
    }
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(content);
  } catch {
    throw new InputError(
      'The file is not text in UTF-8: save it as UTF-8 text (YAML) and choose it again.',
    );
  }
  const name = nameOf(parameters);
  return { ...(name ? { name } : {}), text: text.replace(/^\uFEFF/, '') };
}
