import { promises as fs } from 'fs';
import path from 'path';

/**
 * Writes a new file at a path of the repository, never over one: a file
 * that appeared since the repository was read is refused, not replaced.
 * Returns false when the file exists.
 */
export async function writeNewFile(
  root: string,
  file: string,
  content: string,
): Promise<boolean> {
  const target = path.join(root, ...file.split('/'));
  await fs.mkdir(path.dirname(target), { recursive: true });
  try {
    await fs.writeFile(target, content, { encoding: 'utf8', flag: 'wx' });
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') {
      return false;
    }
    throw error;
  }
}
