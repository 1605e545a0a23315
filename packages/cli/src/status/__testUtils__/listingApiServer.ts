import { apiPathOf, kindOf, KubernetesObject } from '@meshifi/common';
import {
  createServer,
  IncomingMessage,
  Server,
  ServerResponse,
} from 'node:http';
import { AddressInfo } from 'node:net';

/** A list request the server answered, in order. */
export interface ListingRequest {
  path: string;
  fieldSelector?: string;
  labelSelector?: string;
}

/**
 * The terms of a field selector as the kube-apiserver reads them:
 * `field=value` or `field==value`, joined by commas; undefined for one it
 * would refuse (then it answers 400). `!=` and escaped values are not
 * needed by what `meshifi status` sends, and are refused here.
 */
function selectorTerms(
  selector: string,
): Array<{ field: string; value: string }> | undefined {
  const terms = [];
  for (const term of selector.split(',')) {
    const match = /^([a-zA-Z.]+)==?([^=!\\]*)$/.exec(term);
    if (!match) {
      return undefined;
    }
    terms.push({ field: match[1], value: match[2] });
  }
  return terms;
}

const FIELDS: Record<string, (object: KubernetesObject) => string> = {
  'metadata.name': object => object.metadata.name,
  'metadata.namespace': object => object.metadata.namespace ?? '',
};

/**
 * A stand-in for the kube-apiserver's lists across all namespaces, the
 * reads `meshifi status` makes: GET on a collection, narrowed by a field
 * selector on the name or namespace, as the API server narrows it. Every
 * collection it holds nothing of is an empty list, as on a cluster where
 * meshifi is installed. Plain HTTP on loopback, any token accepted.
 */
export class ListingApiServer {
  readonly requests: ListingRequest[] = [];
  private readonly server: Server;

  private constructor(private readonly objects: KubernetesObject[]) {
    this.server = createServer((req, res) => this.answer(req, res));
  }

  static async start(objects: KubernetesObject[]): Promise<ListingApiServer> {
    const listing = new ListingApiServer(objects);
    await new Promise<void>(resolve =>
      listing.server.listen(0, '127.0.0.1', resolve),
    );
    return listing;
  }

  get url(): string {
    const { port } = this.server.address() as AddressInfo;
    return `http://127.0.0.1:${port}`;
  }

  async close() {
    this.server.closeAllConnections();
    await new Promise(resolve => this.server.close(resolve));
  }

  private answer(req: IncomingMessage, res: ServerResponse) {
    const url = new URL(req.url ?? '/', this.url);
    const fieldSelector = url.searchParams.get('fieldSelector') ?? undefined;
    const labelSelector = url.searchParams.get('labelSelector') ?? undefined;
    this.requests.push({
      path: url.pathname,
      fieldSelector,
      ...(labelSelector && { labelSelector }),
    });
    const json = (status: number, body: object) => {
      res.writeHead(status, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    const terms = fieldSelector ? selectorTerms(fieldSelector) : [];
    if (
      req.method !== 'GET' ||
      !terms ||
      terms.some(term => !FIELDS[term.field])
    ) {
      json(400, {
        apiVersion: 'v1',
        kind: 'Status',
        status: 'Failure',
        reason: 'BadRequest',
        message: `this stand-in cannot answer ${req.method} ${req.url}`,
        code: 400,
      });
      return;
    }
    const items = this.objects.filter(object => {
      const kind = kindOf(object);
      return (
        kind !== undefined &&
        apiPathOf(kind) === url.pathname &&
        terms.every(term => FIELDS[term.field](object) === term.value)
      );
    });
    json(200, {
      apiVersion: 'v1',
      kind: 'List',
      metadata: { resourceVersion: '1' },
      items,
    });
  }
}
