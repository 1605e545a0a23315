/**
 * The file name a Content-Disposition header gives, when it gives a plain
 * one: `attachment; filename="orders.odcs.yaml"`. A name with a slash is not
 * a file's name, so the caller's own name is used instead.
 */
export function fileNameOf(header: string | null): string | undefined {
  const match = header?.match(/filename\s*=\s*(?:"([^"]*)"|([^;\s]+))/i);
  const name = (match?.[1] ?? match?.[2])?.trim();
  return name && !/[\\/]/.test(name) ? name : undefined;
}
