import { GitopsFileRule } from '@meshifi/common';

/**
 * Which rule of the GitOps repository a problem breaks: one of a file's own
 * rules (its name, place, size, YAML, kind, schema, names), or one between
 * files and of the working tree.
 */
export type ValidationRule =
  | GitopsFileRule
  /** A symbolic link where meshifi reads files: git keeps the link, not the file. */
  | 'symlink'
  /** A file that cannot be read, or a folder where a file belongs. */
  | 'unreadable'
  /** A product name another file already has. */
  | 'unique-name'
  /** A service account id another product already has. */
  | 'unique-service-account'
  /** A GCP project another domain already has. */
  | 'shared-project'
  /** A product whose domain has no domain file. */
  | 'missing-domain'
  /** An access grant whose product has no file in the grant's domain. */
  | 'missing-product'
  /**
   * A product the mesh cannot hold: an input port to a missing or retired
   * product or table, a loop of input ports, a replacement that does not
   * exist, a table or product others read taken away.
   */
  | 'lineage'
  /** A change of a product that breaks its readers without a new major version. */
  | 'version-rule';

/** One thing wrong in the repository, said so that an analyst can fix it. */
export interface ValidationProblem {
  /** The file, relative to the repository, shown on one line. */
  file: string;
  /** The 1-based line of the file, when the problem is at one. */
  line?: number;
  rule: ValidationRule;
  /** What is wrong and what to do, said of the file: "is not valid YAML: ...". */
  message: string;
}

/** What validating a repository found. */
export interface ValidationReport {
  /** Every problem, by file and line. */
  problems: ValidationProblem[];
  /** How many files were looked at. */
  files: number;
  /** How many valid data products the repository holds. */
  products: number;
  /** How many valid data domains the repository holds. */
  domains: number;
  /** How many valid access grants (DataAccesses) the repository holds. */
  grants: number;
}

/** Text in the order of its code points, as git lists paths: not by locale. */
export function compareText(a: string, b: string): number {
  if (a === b) {
    return 0;
  }
  return a < b ? -1 : 1;
}

/** Problems in the order a person reads them: by file, then by line. */
export function sortProblems(
  problems: ValidationProblem[],
): ValidationProblem[] {
  return [...problems].sort(
    (a, b) => compareText(a.file, b.file) || (a.line ?? 0) - (b.line ?? 0),
  );
}
