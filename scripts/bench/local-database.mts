// The bench creates and drops databases: it only ever does so on this machine (pure).

const LOCAL_HOSTS = new Set(["127.0.0.1", "localhost", "::1", "[::1]"]);

/**
 * The host a connection string points at, as libpq would read it: `?host=` wins over the URL's
 * host, and an empty host means the default unix socket.
 */
export function databaseHost(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new Error("DATABASE_URL is not a valid postgresql:// URL");
  }
  if (!/^postgres(ql)?:$/.test(parsed.protocol) && parsed.protocol !== "socket:") {
    throw new Error(`DATABASE_URL must start with postgresql://, got ${parsed.protocol}//`);
  }
  if (parsed.protocol === "socket:") return parsed.pathname;
  return parsed.searchParams.get("host") ?? decodeURIComponent(parsed.hostname);
}

/** A host on this machine: loopback, or a unix socket (a path, or no host at all). */
export function isLocalHost(host: string): boolean {
  return host === "" || host.startsWith("/") || LOCAL_HOSTS.has(host.toLowerCase());
}

/** Throws the message the bench prints when DATABASE_URL is not a local database. */
export function assertLocalDatabase(url: string): void {
  const host = databaseHost(url);
  if (!isLocalHost(host)) {
    throw new Error(
      `npm run bench creates and drops databases, so it only runs against a PostgreSQL on this machine ` +
        `(host 127.0.0.1, localhost, ::1 or a unix socket); DATABASE_URL points at ${host}. ` +
        `Unset DATABASE_URL to use the bench's own embedded PostgreSQL.`,
    );
  }
}

/** The same server and credentials, another database. */
export function databaseUrl(base: string, database: string): string {
  const u = new URL(base);
  if (u.protocol === "socket:") {
    u.searchParams.set("db", database);
    return u.toString();
  }
  u.pathname = `/${encodeURIComponent(database)}`;
  return u.toString();
}

/** The name the given URL's database has, or undefined when it names none. */
export function databaseName(url: string): string | undefined {
  const u = new URL(url);
  const name = u.protocol === "socket:" ? u.searchParams.get("db") : decodeURIComponent(u.pathname.slice(1));
  return name || undefined;
}
