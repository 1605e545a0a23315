import { KubeConfig } from '@kubernetes/client-node';
import {
  createServer,
  IncomingMessage,
  Server,
  ServerResponse,
} from 'node:http';
import { AddressInfo } from 'node:net';

/** An object as the scripted server keeps it. */
export interface ScriptedObject {
  apiVersion: string;
  kind: string;
  metadata: {
    name: string;
    namespace?: string;
    resourceVersion?: string;
    managedFields?: unknown[];
  };
  [field: string]: unknown;
}

/** A request the server answered, in order. */
export interface ScriptedRequest {
  verb: 'list' | 'watch';
  path: string;
  resourceVersion?: string;
  labelSelector?: string;
  fieldSelector?: string;
  at: number;
}

type WatchEventType = 'ADDED' | 'MODIFIED' | 'DELETED';

const statusBody = (code: number, reason: string, message: string) => ({
  apiVersion: 'v1',
  kind: 'Status',
  metadata: {},
  status: 'Failure',
  message,
  reason,
  code,
});

/**
 * A stand-in for the kube-apiserver's list and watch of ONE collection,
 * answering as it does: a list carries the collection's resourceVersion; a
 * watch from a resourceVersion sends every change after it, then new ones
 * as they happen, one JSON event a line; a watch from a resourceVersion
 * older than the history kept (compaction) gets a 200 with an ERROR event
 * holding a 410 Expired Status, and the stream ends. On top, a test can
 * script failures: answer the next requests with an HTTP status, end open
 * watches, or cut their connections.
 */
export class ScriptedApiServer {
  readonly requests: ScriptedRequest[] = [];
  private readonly server: Server;
  private readonly objects = new Map<string, ScriptedObject>();
  private readonly history: Array<{
    resourceVersion: number;
    type: WatchEventType;
    object: ScriptedObject;
  }> = [];
  private readonly watches = new Set<ServerResponse>();
  private readonly failures: Record<
    'list' | 'watch',
    Array<{ status: number; body?: object }>
  > = { list: [], watch: [] };
  private resourceVersion = 1;
  /** Watches from before this resourceVersion are too old (compacted). */
  private oldestKept = 1;

  private constructor(private readonly path: string) {
    this.server = createServer((req, res) => this.answer(req, res));
  }

  /** A server for the collection at `path`, e.g. /apis/g/v1/things. */
  static async start(path: string): Promise<ScriptedApiServer> {
    const scripted = new ScriptedApiServer(path);
    await new Promise<void>(resolve =>
      scripted.server.listen(0, '127.0.0.1', resolve),
    );
    return scripted;
  }

  get url(): string {
    const { port } = this.server.address() as AddressInfo;
    return `http://127.0.0.1:${port}`;
  }

  /** A kubeconfig for this server (plain HTTP, a token it ignores). */
  kubeConfig(): KubeConfig {
    const kubeConfig = new KubeConfig();
    kubeConfig.loadFromOptions({
      clusters: [{ name: 'scripted', server: this.url, skipTLSVerify: true }],
      users: [{ name: 'meshifi', token: 'not-a-real-token' }],
      contexts: [{ name: 'scripted', cluster: 'scripted', user: 'meshifi' }],
      currentContext: 'scripted',
    });
    return kubeConfig;
  }

  /** Creates or changes an object; open watches see it. */
  put(object: ScriptedObject): ScriptedObject {
    const key = this.keyOf(object);
    const type = this.objects.has(key) ? 'MODIFIED' : 'ADDED';
    const stored = {
      ...object,
      metadata: {
        ...object.metadata,
        resourceVersion: String(++this.resourceVersion),
      },
    };
    this.objects.set(key, stored);
    this.record(type, stored);
    return stored;
  }

  /** Deletes an object; open watches see it. */
  remove(name: string, namespace?: string) {
    const key = `${namespace ?? ''}/${name}`;
    const object = this.objects.get(key);
    if (object) {
      this.objects.delete(key);
      this.record('DELETED', {
        ...object,
        metadata: {
          ...object.metadata,
          resourceVersion: String(++this.resourceVersion),
        },
      });
    }
  }

  /** Forgets the history so far, as etcd's compaction does: older watches get 410. */
  compact() {
    this.oldestKept = this.resourceVersion;
  }

  /** Answers the next `times` requests of a verb with an HTTP status. */
  fail(
    verb: 'list' | 'watch',
    status: number,
    options: { times?: number; body?: object } = {},
  ) {
    for (let i = 0; i < (options.times ?? 1); i++) {
      this.failures[verb].push({ status, body: options.body });
    }
  }

  /** Ends every open watch as the API server does when its timeout is up. */
  endWatches() {
    for (const res of this.watches) {
      res.end();
    }
    this.watches.clear();
  }

  /** Cuts every open watch's connection, as a crashing API server would. */
  cutWatches() {
    for (const res of this.watches) {
      res.socket?.destroy();
    }
    this.watches.clear();
  }

  /** How many open watches there are. */
  get openWatches(): number {
    return this.watches.size;
  }

  async close() {
    this.cutWatches();
    this.server.closeAllConnections();
    await new Promise(resolve => this.server.close(resolve));
  }

  /** The Status of a watch from a resourceVersion too old. */
  static expired(resourceVersion: string) {
    return statusBody(
      410,
      'Expired',
      `too old resource version: ${resourceVersion}`,
    );
  }

  private keyOf(object: ScriptedObject) {
    return `${object.metadata.namespace ?? ''}/${object.metadata.name}`;
  }

  private record(type: WatchEventType, object: ScriptedObject) {
    this.history.push({ resourceVersion: this.resourceVersion, type, object });
    for (const res of this.watches) {
      res.write(`${JSON.stringify({ type, object })}\n`);
    }
  }

  private answer(req: IncomingMessage, res: ServerResponse) {
    const url = new URL(req.url ?? '/', this.url);
    const watch = url.searchParams.get('watch') === 'true';
    const verb = watch ? 'watch' : 'list';
    this.requests.push({
      verb,
      path: url.pathname,
      resourceVersion: url.searchParams.get('resourceVersion') ?? undefined,
      labelSelector: url.searchParams.get('labelSelector') ?? undefined,
      fieldSelector: url.searchParams.get('fieldSelector') ?? undefined,
      at: Date.now(),
    });
    const json = (status: number, body: object) => {
      res.writeHead(status, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    if (url.pathname !== this.path) {
      json(
        404,
        statusBody(
          404,
          'NotFound',
          'the server could not find the requested resource',
        ),
      );
      return;
    }
    const failure = this.failures[verb].shift();
    if (failure) {
      json(
        failure.status,
        failure.body ?? statusBody(failure.status, 'Scripted', 'scripted'),
      );
      return;
    }
    if (!watch) {
      json(200, {
        apiVersion: 'v1',
        kind: 'List',
        metadata: { resourceVersion: String(this.resourceVersion) },
        items: [...this.objects.values()],
      });
      return;
    }
    const from = Number(url.searchParams.get('resourceVersion') ?? 0);
    res.writeHead(200, { 'Content-Type': 'application/json' });
    // The client's watch starts when the headers arrive, before any event.
    res.flushHeaders();
    if (from < this.oldestKept) {
      res.end(
        `${JSON.stringify({
          type: 'ERROR',
          object: ScriptedApiServer.expired(String(from)),
        })}\n`,
      );
      return;
    }
    for (const event of this.history.filter(e => e.resourceVersion > from)) {
      res.write(
        `${JSON.stringify({ type: event.type, object: event.object })}\n`,
      );
    }
    this.watches.add(res);
    res.on('close', () => this.watches.delete(res));
  }
}
