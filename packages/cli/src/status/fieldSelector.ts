/**
 * A field selector of exact matches, `field=value` joined by commas; a field
 * whose value is undefined is left out. The values must be Kubernetes names
 * (see productTarget.ts): a comma, an equals sign or a backslash in one
 * would change what the API server is asked for.
 */
export function fieldSelector(
  entries: Record<string, string | undefined>,
): string {
  return Object.entries(entries)
    .filter(([, value]) => value !== undefined)
    .map(([field, value]) => `${field}=${value}`)
    .join(',');
}
