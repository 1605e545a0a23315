import { DatabaseService } from '@backstage/backend-plugin-api';
import { ConflictError } from '@backstage/errors';
import {
  AccessLevel,
  AccessRequest,
  AccessRequestDecision,
  MedallionLayer,
} from '@meshifi/common';
import { accessRequestsMigrations } from './accessRequestsMigration';

type Knex = Awaited<ReturnType<DatabaseService['getClient']>>;

const TABLE = 'meshifi_access_requests';

interface Row {
  id: string;
  product: string;
  xr_namespace: string;
  xr_name: string;
  grant_name: string;
  consumer_type: string;
  consumer_email: string;
  consumer_ref: string | null;
  layer: string;
  level: string;
  purpose: string;
  expires: string;
  requested_by: string;
  requested_at: string;
  decision: string;
  decided_by: string | null;
  decided_at: string | null;
  reason: string | null;
  commit: string | null;
  open_key: string | null;
}

/**
 * What makes two requests the same while they wait: the same grant (product,
 * consumer, layer, as its name says) in the same namespace.
 */
const openKeyOf = (request: AccessRequest) =>
  `${request.xr.namespace}/${request.grantName}`;

const isOpen = (decision: AccessRequestDecision) =>
  decision === 'pending' || decision === 'approving';

function toRow(request: AccessRequest): Row {
  return {
    id: request.id,
    product: request.product,
    xr_namespace: request.xr.namespace,
    xr_name: request.xr.name,
    grant_name: request.grantName,
    consumer_type: request.consumer.type,
    consumer_email: request.consumer.email,
    consumer_ref: request.consumer.entityRef ?? null,
    layer: request.layer,
    level: request.level,
    purpose: request.purpose,
    expires: request.expires,
    requested_by: request.requestedBy,
    requested_at: request.requestedAt,
    decision: request.decision,
    decided_by: request.decidedBy ?? null,
    decided_at: request.decidedAt ?? null,
    reason: request.reason ?? null,
    commit: request.commit ?? null,
    open_key: isOpen(request.decision) ? openKeyOf(request) : null,
  };
}

function fromRow(row: Row): AccessRequest {
  const optional = (key: string, value: string | null) =>
    value === null ? {} : { [key]: value };
  return {
    id: row.id,
    product: row.product,
    xr: { namespace: row.xr_namespace, name: row.xr_name },
    grantName: row.grant_name,
    consumer: {
      type: row.consumer_type as AccessRequest['consumer']['type'],
      email: row.consumer_email,
      ...optional('entityRef', row.consumer_ref),
    },
    layer: row.layer as MedallionLayer,
    level: row.level as AccessLevel,
    purpose: row.purpose,
    expires: row.expires,
    requestedBy: row.requested_by,
    requestedAt: row.requested_at,
    decision: row.decision as AccessRequestDecision,
    ...optional('decidedBy', row.decided_by),
    ...optional('decidedAt', row.decided_at),
    ...optional('reason', row.reason),
    ...optional('commit', row.commit),
  };
}

/**
 * The requests for access, in the plugin's database (SQLite or PostgreSQL).
 * Every change of a decision is one conditional UPDATE: of two owners who
 * approve at once, or one who approves while another declines, exactly one
 * wins, on one backend or several.
 */
export class AccessRequestStore {
  static async create(database: DatabaseService): Promise<AccessRequestStore> {
    const client = await database.getClient();
    if (!database.migrations?.skip) {
      await client.migrate.latest({
        migrationSource: accessRequestsMigrations,
        tableName: 'meshifi_knex_migrations',
      });
    }
    return new AccessRequestStore(client);
  }

  private constructor(private readonly db: Knex) {}

  /** Adds a request; a ConflictError when the same one is already waiting. */
  async add(request: AccessRequest): Promise<void> {
    try {
      await this.db<Row>(TABLE).insert(toRow(request));
    } catch (error) {
      const waiting = await this.waiting(request);
      if (waiting) {
        throw new ConflictError(
          `The same access was already asked for on ${waiting.requestedAt.slice(
            0,
            10,
          )} by ${
            waiting.requestedBy
          }, and awaits the product's owners: nothing new was asked.`,
        );
      }
      throw error;
    }
  }

  /** The request waiting for the same grant, if one is. */
  async waiting(request: AccessRequest): Promise<AccessRequest | undefined> {
    const row = await this.db<Row>(TABLE)
      .where({ open_key: openKeyOf(request) })
      .first();
    return row && fromRow(row);
  }

  async get(id: string): Promise<AccessRequest | undefined> {
    const row = await this.db<Row>(TABLE).where({ id }).first();
    return row && fromRow(row);
  }

  /** The requests for a product, newest first. */
  async forProduct(product: string): Promise<AccessRequest[]> {
    const rows = await this.db<Row>(TABLE)
      .where({ product })
      .orderBy('requested_at', 'desc');
    return rows.map(fromRow);
  }

  /** The requests for any of these consumers (entity refs), newest first. */
  async forConsumers(refs: string[]): Promise<AccessRequest[]> {
    if (refs.length === 0) {
      return [];
    }
    const rows = await this.db<Row>(TABLE)
      .whereIn('consumer_ref', refs)
      .orderBy('requested_at', 'desc');
    return rows.map(fromRow);
  }

  /**
   * Takes a waiting request for approval: true when this caller won it, false
   * when someone decided, or is deciding, first.
   */
  async claim(id: string, by: string, at: string): Promise<boolean> {
    const updated = await this.db<Row>(TABLE)
      .where({ id, decision: 'pending' })
      .update({ decision: 'approving', decided_by: by, decided_at: at });
    return updated === 1;
  }

  /** A claimed request approved: its grant is in the GitOps repository at `commit`. */
  async approved(id: string, commit: string): Promise<void> {
    await this.db<Row>(TABLE)
      .where({ id, decision: 'approving' })
      .update({ decision: 'approved', commit, open_key: null });
  }

  /** A claim given back (writing the grant failed): the request waits again. */
  async release(id: string): Promise<void> {
    await this.db<Row>(TABLE)
      .where({ id, decision: 'approving' })
      .update({ decision: 'pending', decided_by: null, decided_at: null });
  }

  /** Declines a waiting request: false when someone decided, or is deciding, first. */
  async decline(
    id: string,
    by: string,
    at: string,
    reason: string,
  ): Promise<boolean> {
    const updated = await this.db<Row>(TABLE)
      .where({ id, decision: 'pending' })
      .update({
        decision: 'declined',
        decided_by: by,
        decided_at: at,
        reason,
        open_key: null,
      });
    return updated === 1;
  }
}
