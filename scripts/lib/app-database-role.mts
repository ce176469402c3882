// The portal's database role, pure parts (docs/security.md#database-roles): the group role the
// migrations grant to, connection strings for a login role, and what to warn about when the portal
// connects as a role that could switch off the audit log's guard.

/** The NOLOGIN group role that holds the portal's rights (prisma/migrations/*_app_role). */
export const APP_GROUP_ROLE = "disburse_app";

/** The login role `npm start` makes for the portal on its embedded PostgreSQL. */
export const DEMO_APP_LOGIN = "disburse_portal";

/** The same server and database, signed in as another role. */
export function urlAsRole(url: string, role: { login: string; password: string }): string {
  const u = new URL(url);
  u.username = encodeURIComponent(role.login);
  u.password = encodeURIComponent(role.password);
  return u.toString();
}

/** What the portal's connection can do, read from the catalog as that role. */
export type ConnectionFacts = {
  role: string;
  superuser: boolean;
  /** Tables of the schema owned by a role this one is a member of (it could ALTER or DROP them). */
  ownedTables: number;
  /** It may UPDATE, DELETE or TRUNCATE "AuditLog". */
  mayRewriteAudit: boolean;
};

/** One line per risk; none for a login role of disburse_app alone. */
export function connectionWarnings(facts: ConnectionFacts, setting = "DATABASE_URL"): string[] {
  const fix =
    `run the portal as a login role in ${APP_GROUP_ROLE} and migrate with MIGRATION_DATABASE_URL ` +
    `(docs/security.md#database-roles)`;
  if (facts.superuser)
    return [`${setting} connects as ${facts.role}, a superuser: the portal could switch off or rewrite the audit log; ${fix}`];
  const warnings: string[] = [];
  if (facts.ownedTables > 0)
    warnings.push(
      `${setting} connects as ${facts.role}, which owns ${facts.ownedTables} of the portal's tables: the portal could ` +
        `disable or drop the audit log's triggers; ${fix}`,
    );
  else if (facts.mayRewriteAudit)
    warnings.push(`${setting} connects as ${facts.role}, which may update or delete audit log entries; ${fix}`);
  return warnings;
}
