import { redactUrl } from '../gitops/redactUrl';

/**
 * What kind of failure a request to a cluster met, in the spirit of
 * Backstage's `KubernetesErrorTypes`: what a caller decides on (retry,
 * relist, wait, tell the platform team), without reading status codes.
 */
export type KubernetesErrorType =
  /** 400, 422 and other 4xx not named here: the request itself is wrong. */
  | 'BAD_REQUEST'
  /** 401: the cluster does not accept the credentials. */
  | 'UNAUTHORIZED'
  /** 403: the credentials are fine, RBAC does not allow the request. */
  | 'FORBIDDEN'
  /** 404: no such object, namespace, or kind (its CRD is not installed). */
  | 'NOT_FOUND'
  /** 409: the object exists, or changed since it was read. */
  | 'CONFLICT'
  /** 410: a watch's resourceVersion is too old: list again. */
  | 'GONE'
  /** 429, 502, 503, 504: the API server is busy or starting: retry later. */
  | 'SERVICE_UNAVAILABLE'
  /** 500 and other 5xx. */
  | 'SYSTEM_ERROR'
  /** No answer at all: refused, reset, DNS, TLS. */
  | 'UNREACHABLE'
  /** Anything else: not a request to a cluster that failed in a known way. */
  | 'UNKNOWN';

/** What the API server said in its `Status` object, as far as meshifi reads it. */
export interface KubernetesStatusDetails {
  name?: string;
  group?: string;
  /** The resource, e.g. `namespaces` when a namespace is missing. */
  kind?: string;
}

/**
 * A failed request to a Kubernetes cluster: its type, the HTTP status and
 * the API server's Status when there was an answer, and a message that is
 * one plain sentence without secrets, fit for a log line or a page.
 *
 * It extends Error rather than CustomErrorBase, which would append the
 * cause to the message: client-node's errors carry the whole response,
 * headers and body, which is neither plain nor one sentence. The cause is
 * kept as `cause`.
 */
export class KubernetesError extends Error {
  readonly name = 'KubernetesError';
  readonly type: KubernetesErrorType;
  /** The HTTP status, when the API server answered. */
  readonly statusCode?: number;
  /** Kubernetes' reason, e.g. `NotFound`, `AlreadyExists`, `Expired`. */
  readonly reason?: string;
  readonly details?: KubernetesStatusDetails;

  constructor(options: {
    type: KubernetesErrorType;
    message: string;
    statusCode?: number;
    reason?: string;
    details?: KubernetesStatusDetails;
    cause?: unknown;
  }) {
    super(options.message, { cause: options.cause });
    this.type = options.type;
    this.statusCode = options.statusCode;
    this.reason = options.reason;
    this.details = options.details;
  }
}

/** The fields of a Kubernetes `Status` object meshifi reads. */
interface KubernetesStatus {
  code?: number;
  message?: string;
  reason?: string;
  details?: KubernetesStatusDetails;
}

type FailureLike = {
  code?: unknown;
  statusCode?: unknown;
  body?: unknown;
  kind?: unknown;
  message?: unknown;
  cause?: { code?: unknown };
};

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null;

/**
 * The Status the API server answered with: client-node's ApiException
 * carries it as the response body (text), a watch ERROR event as the object
 * itself.
 */
function statusOf(failure: FailureLike): KubernetesStatus | undefined {
  if (failure.kind === 'Status') {
    return failure as KubernetesStatus;
  }
  let body = failure.body;
  if (typeof body === 'string') {
    try {
      body = JSON.parse(body);
    } catch {
      return undefined;
    }
  }
  return isObject(body) && body.kind === 'Status'
    ? (body as KubernetesStatus)
    : undefined;
}

/** The HTTP status: ApiException's `code`, a watch's `statusCode`, or the Status's. */
function httpStatusOf(
  failure: FailureLike,
  status?: KubernetesStatus,
): number | undefined {
  for (const value of [failure.code, failure.statusCode, status?.code]) {
    if (typeof value === 'number' && value >= 100) {
      return value;
    }
  }
  return undefined;
}

function typeOfStatus(statusCode: number): KubernetesErrorType {
  const named: Record<number, KubernetesErrorType> = {
    401: 'UNAUTHORIZED',
    403: 'FORBIDDEN',
    404: 'NOT_FOUND',
    409: 'CONFLICT',
    410: 'GONE',
    429: 'SERVICE_UNAVAILABLE',
    502: 'SERVICE_UNAVAILABLE',
    503: 'SERVICE_UNAVAILABLE',
    504: 'SERVICE_UNAVAILABLE',
  };
  if (named[statusCode]) {
    return named[statusCode];
  }
  if (statusCode >= 500) {
    return 'SYSTEM_ERROR';
  }
  return statusCode >= 400 ? 'BAD_REQUEST' : 'UNKNOWN';
}

const firstLine = (text: string) => text.split(/\r\n|\r|\n/)[0];

/**
 * A field of a Status as text, or nothing: a proxy or a broken server can
 * answer with any JSON, and a sentence must still come out.
 */
const textOf = (value: unknown): string | undefined =>
  typeof value === 'string' && value ? value : undefined;

const NO_MESSAGE = 'an error without a message';

/** Whatever was thrown, as text; some values (Object.create(null)) have none. */
function printable(value: unknown): string {
  try {
    const text = String(value);
    return text && text !== '[object Object]' ? text : NO_MESSAGE;
  } catch {
    return NO_MESSAGE;
  }
}

/** The sentence for an answer of the API server. */
function answerSentence(statusCode: number, status?: KubernetesStatus) {
  const message = textOf(status?.message);
  const said = message && firstLine(message);
  if (statusCode === 401) {
    return `the cluster does not accept meshifi's credentials (HTTP 401)`;
  }
  if (statusCode === 403) {
    return `the cluster does not let meshifi do this (HTTP 403)${
      said ? `: ${said}` : ''
    }`;
  }
  return said
    ? `${said} (HTTP ${statusCode})`
    : `the cluster answered HTTP ${statusCode}`;
}

/**
 * The system error code of a request that got no answer (ECONNREFUSED,
 * ENOTFOUND, a TLS failure): node-fetch puts it on the error, Node's own
 * fetch on its cause.
 */
function systemCodeOf(failure: FailureLike): string | undefined {
  for (const value of [failure.code, failure.cause?.code]) {
    if (typeof value === 'string' && value) {
      return value;
    }
  }
  return undefined;
}

/** The sentence for a request that got no answer. */
function noAnswerSentence(code: string, message: string) {
  // node-fetch: "request to <url> failed, reason: connect ECONNREFUSED ..."
  const reason = firstLine(message).split('reason: ')[1] ?? firstLine(message);
  const said = reason || code;
  return `no connection to the cluster: ${said}${
    said.includes(code) ? '' : ` (${code})`
  }`;
}

/** The type and the sentence: an answer of the API server, no answer, or neither. */
function classify(
  error: unknown,
  failure: FailureLike,
  statusCode: number | undefined,
  status: KubernetesStatus | undefined,
): [KubernetesErrorType, string] {
  if (statusCode !== undefined) {
    return [typeOfStatus(statusCode), answerSentence(statusCode, status)];
  }
  const message =
    typeof failure.message === 'string' ? failure.message : printable(error);
  const code = systemCodeOf(failure);
  if (code) {
    return ['UNREACHABLE', noAnswerSentence(code, message)];
  }
  return ['UNKNOWN', firstLine(message) || NO_MESSAGE];
}

/**
 * Turns anything a request to a cluster threw — client-node's ApiException,
 * a watch's HTTP error, a Status from a watch ERROR event, a network error,
 * or any other error — into a {@link KubernetesError} with a plain
 * sentence: the API server's own message with the HTTP status, or what
 * went wrong before it could answer; for anything else, the first line of
 * the error's message. A KubernetesError is returned as it is.
 */
export function toKubernetesError(error: unknown): KubernetesError {
  if (error instanceof KubernetesError) {
    return error;
  }
  const failure: FailureLike = isObject(error) ? error : {};
  const status = statusOf(failure);
  const statusCode = httpStatusOf(failure, status);
  const [type, sentence] = classify(error, failure, statusCode, status);
  return new KubernetesError({
    type,
    message: redactUrl(sentence),
    statusCode,
    reason: textOf(status?.reason),
    details: isObject(status?.details) ? status?.details : undefined,
    cause: error,
  });
}
