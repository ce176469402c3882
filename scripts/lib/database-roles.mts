// The portal's login role (docs/security.md#database-roles): made by `npm start` on its embedded
// PostgreSQL and by the test set-up, and checked by `npm start` on any database.
import pg from "pg";
import { APP_GROUP_ROLE, connectionWarnings, urlAsRole } from "./app-database-role.mts";

async function withClient<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/**
 * Makes (or resets) a login role that is a member of disburse_app and nothing else, with this
 * password, and returns `ownerUrl` signed in as it. Run as a superuser or a role with CREATEROLE,
 * after the migrations (they make disburse_app). Roles belong to the whole server: an advisory lock
 * keeps two test runs sharing one server from changing the role at once.
 */
export async function ensureAppLogin(ownerUrl: string, role: { login: string; password: string }): Promise<string> {
  await withClient(ownerUrl, async (c) => {
    const { rowCount: hasGroup } = await c.query("SELECT 1 FROM pg_roles WHERE rolname = $1", [APP_GROUP_ROLE]);
    if (!hasGroup)
      throw new Error(
        `the role ${APP_GROUP_ROLE} does not exist: the migrations make it when the migrating user may create roles (docs/security.md#database-roles)`,
      );
    const { rows } = await c.query<{ risky: boolean }>(
      `SELECT $1 = current_user OR EXISTS (SELECT 1 FROM pg_roles WHERE rolname = $1 AND rolsuper)
              OR EXISTS (SELECT 1 FROM pg_tables WHERE tableowner = $1) AS risky`,
      [role.login],
    );
    if (rows[0].risky)
      throw new Error(`refusing to make ${role.login} the portal's role: it is this user, a superuser or a table owner`);
    const login = c.escapeIdentifier(role.login);
    const settings = `LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS PASSWORD ${c.escapeLiteral(role.password)}`;
    await c.query("SELECT pg_advisory_lock(hashtext('disburse.app_login'))");
    try {
      const { rowCount: exists } = await c.query("SELECT 1 FROM pg_roles WHERE rolname = $1", [role.login]);
      await c.query(exists ? `ALTER ROLE ${login} ${settings}` : `CREATE ROLE ${login} ${settings}`);
      await c.query(`GRANT ${c.escapeIdentifier(APP_GROUP_ROLE)} TO ${login}`);
    } finally {
      await c.query("SELECT pg_advisory_unlock(hashtext('disburse.app_login'))");
    }
  });
  return urlAsRole(ownerUrl, role);
}

/** Warnings for a portal connection that could switch off the audit log's guard (none when it cannot). */
export async function checkPortalConnection(url: string, setting = "DATABASE_URL"): Promise<string[]> {
  const facts = await withClient(url, async (c) => {
    const { rows } = await c.query<{ role: string; superuser: boolean; owned_tables: number; may_rewrite_audit: boolean }>(`
      SELECT current_user AS role,
             (SELECT rolsuper FROM pg_roles WHERE rolname = current_user) AS superuser,
             (SELECT count(*)::int FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
               WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p')
                 AND pg_has_role(current_user, c.relowner, 'MEMBER')) AS owned_tables,
             coalesce(to_regclass('"AuditLog"') IS NOT NULL
               AND has_table_privilege(to_regclass('"AuditLog"'), 'UPDATE, DELETE, TRUNCATE'), false) AS may_rewrite_audit`);
    return rows[0];
  });
  return connectionWarnings(
    {
      role: facts.role,
      superuser: facts.superuser,
      ownedTables: facts.owned_tables,
      mayRewriteAudit: facts.may_rewrite_audit,
    },
    setting,
  );
}

/** A warning when the migrations could not make disburse_app (the migrating user may not create roles). */
export async function checkAppGroupRole(url: string): Promise<string | undefined> {
  const { rowCount } = await withClient(url, (c) => c.query("SELECT 1 FROM pg_roles WHERE rolname = $1", [APP_GROUP_ROLE]));
  if (rowCount) return undefined;
  return (
    `the role ${APP_GROUP_ROLE} does not exist, so the portal's rights were not granted: create it ` +
    `(CREATE ROLE ${APP_GROUP_ROLE} NOLOGIN) as a user who may create roles, then run SELECT disburse_app_grants() ` +
    `as the tables' owner (docs/security.md#database-roles)`
  );
}
