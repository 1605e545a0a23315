/**
 * What one file of the GitOps repository may take, wherever it is read.
 * A data product's or domain's manifest is a few hundred bytes; these keep a
 * hostile file from exhausting the reader (a YAML alias bomb expands to
 * gigabytes) while leaving generous room for real ones.
 */
export const GITOPS_FILE_LIMITS = {
  /** Largest file read, in bytes. */
  maxBytes: 256 * 1024,
  /** Most YAML alias dereferences in one file. */
  maxAliases: 50,
} as const;

/**
 * Why a file of so many bytes is not read, or undefined when it may be:
 * said before reading it, wherever its size is known.
 */
export function fileSizeProblem(bytes: number): string | undefined {
  return bytes > GITOPS_FILE_LIMITS.maxBytes
    ? `is ${bytes} bytes long; a manifest may have at most ${GITOPS_FILE_LIMITS.maxBytes}.`
    : undefined;
}
