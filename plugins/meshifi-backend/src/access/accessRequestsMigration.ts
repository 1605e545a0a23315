import { DatabaseService } from '@backstage/backend-plugin-api';

type Knex = Awaited<ReturnType<DatabaseService['getClient']>>;

/**
 * Requests for access to data products, as the product's owners decide on
 * them. The grant itself lives in the GitOps repository; this table holds
 * what Git does not: who asked, who decided, and what is still waiting.
 */
async function up(knex: Knex) {
  await knex.schema.createTable('meshifi_access_requests', table => {
    table.comment('Requests for access to data products and their decisions');
    table.string('id', 36).primary().notNullable();
    table.string('product', 255).notNullable().comment('Catalog entity ref');
    table.string('xr_namespace', 63).notNullable();
    table.string('xr_name', 63).notNullable();
    table.string('grant_name', 63).notNullable();
    table.string('consumer_type', 20).notNullable();
    table.string('consumer_email', 254).notNullable();
    table.string('consumer_ref', 255).nullable();
    table.string('layer', 20).notNullable();
    table.string('level', 20).notNullable();
    table.text('purpose').notNullable();
    table.string('expires', 10).notNullable();
    table.string('requested_by', 255).notNullable();
    table.string('requested_at', 30).notNullable();
    table.string('decision', 20).notNullable();
    table.string('decided_by', 255).nullable();
    table.string('decided_at', 30).nullable();
    table.text('reason').nullable();
    table.string('commit', 64).nullable();
    // Set while a request awaits its owners, null once decided: a unique
    // column, so two identical requests at once cannot both wait.
    table.string('open_key', 400).nullable().unique();
    table.index(['product'], 'meshifi_access_requests_product_idx');
    table.index(['consumer_ref'], 'meshifi_access_requests_consumer_idx');
  });
}

async function down(knex: Knex) {
  await knex.schema.dropTable('meshifi_access_requests');
}

/**
 * The plugin's migrations, in order, as code: a migration source rather than
 * a folder, so that a bundled backend (the benchmarks', an image's) finds
 * them without resolving the package's files.
 */
const MIGRATIONS: Record<
  string,
  { up: (knex: Knex) => Promise<void>; down: (knex: Knex) => Promise<void> }
> = {
  '20261202100000_access_requests': { up, down },
};

/** The knex migration source of the plugin's tables. */
export const accessRequestsMigrations = {
  getMigrations: async () => Object.keys(MIGRATIONS).sort(),
  getMigrationName: (name: string) => name,
  getMigration: async (name: string) => MIGRATIONS[name],
};
