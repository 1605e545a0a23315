/** The BigQuery console page of a dataset. */
export function bigQueryConsoleUrl(project: string, dataset: string): string {
  const params = new URLSearchParams({
    project,
    ws: `!1m4!1m3!3m2!1s${project}!2s${dataset}`,
  });
  return `https://console.cloud.google.com/bigquery?${params}`;
}

/** The page of a service account in the Google Cloud console. */
export function serviceAccountConsoleUrl(
  project: string,
  email: string,
): string {
  return `https://console.cloud.google.com/iam-admin/serviceaccounts/details/${encodeURIComponent(
    email,
  )}?project=${encodeURIComponent(project)}`;
}
