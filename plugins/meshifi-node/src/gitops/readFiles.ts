import { hasControlCharacter } from '@meshifi/common';
import { git, gitBuffer } from './git';

/** What reading several files found. */
export interface FileContents {
  /** Each file read, by path. Files the commit does not have are absent. */
  contents: Map<string, string>;
  /** Each file not read, by path, with the reason in words a person can act on. */
  refused: Map<string, string>;
}

/** Default limit of one file: a data product's YAML is a few KiB. */
export const DEFAULT_MAX_FILE_BYTES = 256 * 1024;

/** One answer of `git cat-file --batch-check`: the blob's id and size. */
const FOUND = /^([0-9a-f]{40,64}) (\S+) (\d+)$/;

function formatBytes(bytes: number) {
  if (bytes >= 1024 * 1024) {
    return `${(bytes / (1024 * 1024)).toFixed(1)} MiB`;
  }
  return bytes >= 1024 ? `${Math.round(bytes / 1024)} KiB` : `${bytes} bytes`;
}

/** Why a file is too large, in sizes that never read as equal. */
function tooLarge(size: number, maxBytes: number) {
  let [it, limit] = [formatBytes(size), formatBytes(maxBytes)];
  if (it === limit) {
    [it, limit] = [`${size} bytes`, `${maxBytes} bytes`];
  }
  return `it is ${it}, more than the ${limit} meshifi reads from one file: make it smaller or split it`;
}

/** The blobs the paths name at a commit, and their sizes; never their content. */
async function inspect(cwd: string, commit: string, files: string[]) {
  const out = await git(['cat-file', '--batch-check'], {
    cwd,
    input: files.map(f => `${commit}:${f}\n`).join(''),
  });
  const lines = out.split('\n');
  return files.map((file, i) => {
    const found = FOUND.exec(lines[i] ?? '');
    return found
      ? { file, id: found[1], type: found[2], size: Number(found[3]) }
      : { file };
  });
}

/** The content of blobs, named by id: nothing a file name could desynchronise. */
async function readBlobs(cwd: string, ids: string[]) {
  const out = await gitBuffer(['cat-file', '--batch'], {
    cwd,
    input: ids.map(id => `${id}\n`).join(''),
  });
  const blobs: string[] = [];
  let offset = 0;
  for (let i = 0; i < ids.length; i++) {
    const headerEnd = out.indexOf(0x0a, offset);
    const size = Number(
      out.subarray(offset, headerEnd).toString().split(' ')[2],
    );
    offset = headerEnd + 1;
    blobs.push(out.subarray(offset, offset + size).toString('utf8'));
    offset += size + 1;
  }
  return blobs;
}

/**
 * Several files' contents at a commit, in two git processes whatever their
 * number. A file whose name has a control character, or that is larger than
 * `maxBytes`, is not read but listed in `refused`: the first would make git
 * misread the request, the second would be held in memory whole.
 */
export async function readFiles(
  cwd: string,
  commit: string,
  files: string[],
  maxBytes: number = DEFAULT_MAX_FILE_BYTES,
): Promise<FileContents> {
  if (hasControlCharacter(commit)) {
    throw new Error(`Not a commit: ${JSON.stringify(commit)}`);
  }
  const result: FileContents = { contents: new Map(), refused: new Map() };
  const readable: string[] = [];
  for (const file of new Set(files)) {
    // `git cat-file` reads one name a line: a name with a line break would
    // be read as two, and every answer after it would belong to the wrong file.
    if (hasControlCharacter(file)) {
      result.refused.set(
        file,
        'its name contains a line break or another invisible control character, which meshifi does not read: rename the file',
      );
    } else {
      readable.push(file);
    }
  }
  if (readable.length === 0) {
    return result;
  }
  const wanted = [];
  for (const blob of await inspect(cwd, commit, readable)) {
    if (blob.type !== 'blob' || blob.id === undefined) {
      continue;
    }
    if (blob.size > maxBytes) {
      result.refused.set(blob.file, tooLarge(blob.size, maxBytes));
    } else {
      wanted.push({ file: blob.file, id: blob.id });
    }
  }
  if (wanted.length === 0) {
    return result;
  }
  const contents = await readBlobs(
    cwd,
    wanted.map(w => w.id),
  );
  wanted.forEach((w, i) => result.contents.set(w.file, contents[i]));
  return result;
}
