/**
 * The repository cannot be read as the command needs: not a git
 * repository, a base that does not exist. The message says what to do;
 * the command exits with 2.
 */
export class RepositoryError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RepositoryError';
  }
}
