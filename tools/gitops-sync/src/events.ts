import { CoreV1Api, V1ObjectReference } from '@kubernetes/client-node';
import { toKubernetesError } from '@meshifi/node/kubernetes';
import { createHash } from 'crypto';
import { FIELD_MANAGER } from './manifests';

/** Why the sync loop did not do what the repository asks: the Events it emits. */
export type SyncEventReason =
  | 'DomainStillUsed'
  | 'NonDescendantHead'
  | 'PruneLimitExceeded';

/** One Event: what it is about, and the commit it is about. */
export interface SyncEvent {
  reason: SyncEventReason;
  /** The head the loop refused, or the commit whose pass held something back. */
  commit: string;
  /**
   * The object it is about. A cluster-scoped one (a DataDomain) gets its
   * Event in `default`, as Kubernetes wants; a namespaced one in its namespace.
   */
  involvedObject: V1ObjectReference;
  message: string;
}

/** Most Event keys remembered; past it, the oldest half is forgotten. */
const REMEMBERED = 1000;

/**
 * Emits Kubernetes Events (core v1) for what the sync loop refused or held
 * back, once per commit, reason and object: a refusal repeated every pass
 * makes one Event, not one a pass. The Event's name is derived from those,
 * so a restarted loop does not repeat it either while the Event lives.
 * Failing to emit one is reported to `onError`, never thrown: the Events
 * are a courtesy to operators, the log says it all too.
 */
export class SyncEvents {
  private readonly emitted = new Set<string>();

  constructor(
    private readonly core: CoreV1Api,
    private readonly onError: (message: string) => void,
  ) {}

  async emit(event: SyncEvent): Promise<void> {
    const { involvedObject: about } = event;
    const key = [
      event.reason,
      event.commit,
      about.apiVersion,
      about.kind,
      about.namespace ?? '',
      about.name,
    ].join('\u0000');
    if (this.emitted.has(key)) {
      return;
    }
    const namespace = about.namespace ?? 'default';
    const now = new Date();
    try {
      await this.core.createNamespacedEvent({
        namespace,
        body: {
          metadata: {
            name: `${FIELD_MANAGER}.${createHash('sha256')
              .update(key)
              .digest('hex')
              .slice(0, 20)}`,
            namespace,
          },
          involvedObject: about,
          reason: event.reason,
          // Kubernetes keeps at most 1 KiB of an Event's message.
          message: truncate(event.message, 1024),
          type: 'Warning',
          source: { component: FIELD_MANAGER },
          reportingComponent: FIELD_MANAGER,
          firstTimestamp: now,
          lastTimestamp: now,
          count: 1,
        },
      });
    } catch (error) {
      const failure = toKubernetesError(error);
      // A conflict: this very Event exists (the loop was restarted): done.
      if (failure.type !== 'CONFLICT') {
        this.onError(
          `cannot emit the Event ${event.reason} about ${about.kind} ${about.name}: ${failure.message}`,
        );
        return;
      }
    }
    if (this.emitted.size >= REMEMBERED) {
      [...this.emitted]
        .slice(0, REMEMBERED / 2)
        .forEach(old => this.emitted.delete(old));
    }
    this.emitted.add(key);
  }
}

function truncate(text: string, max: number) {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}
