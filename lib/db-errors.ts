/** Prisma's "unique constraint failed": a name already taken, found by the database itself. */
export const isUniqueViolation = (error: unknown) => (error as { code?: string } | null)?.code === "P2002";

/** Connection-level failures: the database is away for now (restarting, unreachable, locked), not the request's fault. */
const UNAVAILABLE_CODES = new Set([
  "ECONNREFUSED", "ECONNRESET", "ETIMEDOUT", "EPIPE", "ENOTFOUND", "EAI_AGAIN",
  // PostgreSQL: shutting down, starting up, connection failures (SQLSTATE classes 57P and 08).
  "57P01", "57P02", "57P03", "08000", "08001", "08003", "08004", "08006",
  // Prisma: cannot reach the server, timed out, connection closed.
  "P1001", "P1002", "P1017",
  "SQLITE_BUSY", "SQLITE_LOCKED",
]);
const UNAVAILABLE_MESSAGE = /Connection terminated|timeout exceeded when trying to connect|Can't reach database server|server closed the connection|terminating connection|the database system is (starting up|shutting down)|database is locked|ECONNREFUSED/i;

/**
 * True when `error` (or what caused it) says the database cannot be reached right now: callers
 * answer 503 so the client (Distribution, a load balancer, a script) tries again later.
 */
export const isDatabaseUnavailable = (error: unknown, depth = 0): boolean => {
  if (!error || typeof error !== "object" || depth > 5) return false;
  const { code, message, cause } = error as { code?: unknown; message?: unknown; cause?: unknown };
  if (typeof code === "string" && UNAVAILABLE_CODES.has(code)) return true;
  if (typeof message === "string" && UNAVAILABLE_MESSAGE.test(message)) return true;
  return isDatabaseUnavailable(cause, depth + 1);
};
