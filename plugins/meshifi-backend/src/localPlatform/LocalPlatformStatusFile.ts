import { LoggerService } from '@backstage/backend-plugin-api';
import {
  LocalPlatformStatus,
  readLocalPlatformStatus,
} from './readLocalPlatformStatus';

/** How long a read of the status file answers: the states route asks per product. */
const MAX_AGE_MS = 1_000;

/**
 * The status file of the local platform (`meshifi.localPlatform.statusFile`),
 * read again at most once a second, so that one request about two hundred
 * products reads it once. A file that cannot be read is logged once per
 * distinct problem, for the platform engineer.
 */
export class LocalPlatformStatusFile {
  private readonly file: string;
  private readonly logger: LoggerService;
  private readonly now: () => number;
  private cached?: { status: LocalPlatformStatus; readAt: number };
  private lastProblem?: string;

  constructor(options: {
    file: string;
    logger: LoggerService;
    now?: () => number;
  }) {
    this.file = options.file;
    this.logger = options.logger;
    this.now = options.now ?? Date.now;
  }

  status(): LocalPlatformStatus {
    const now = this.now();
    if (this.cached && now - this.cached.readAt < MAX_AGE_MS) {
      return this.cached.status;
    }
    const status = readLocalPlatformStatus(this.file);
    this.cached = { status, readAt: now };
    const problem = status.state === 'unknown' ? status.problem : undefined;
    if (problem && problem !== this.lastProblem) {
      this.logger.warn(`meshifi: ${problem}`);
    }
    this.lastProblem = problem;
    return status;
  }
}
