import { DownloadedFile } from '../../api';

/**
 * Hands a file the page fetched to the browser to save, as Backstage's own
 * downloads do: the backend's routes need the user's token, which a plain
 * link to them would not carry.
 */
export function saveFile(file: DownloadedFile): void {
  const url = URL.createObjectURL(file.content);
  const anchor = document.createElement('a');
  anchor.href = url;
  anchor.download = file.fileName;
  document.body.appendChild(anchor);
  anchor.click();
  anchor.remove();
  URL.revokeObjectURL(url);
}
