/** Prisma error codes that mean the database could not be reached or answered too late. */
const UNAVAILABLE_CODES = new Set(['P1001', 'P1002', 'P1008', 'P1017', 'P2024', 'P2037']);
const UNAVAILABLE_MESSAGE = /reach database|timeout|timed out|terminated|ECONNREFUSED|ECONNRESET|Connection .*closed|the database system is (starting|shutting) down/i;

/**
 * PostgreSQL's SQLSTATEs for a server that is there but takes no writes: read-only
 * (a standby, or default_transaction_read_only) and out of disk or resources.
 */
const REFUSING_WRITES_SQLSTATES = new Set(['25006', '53000', '53100', '53200']);
const REFUSING_WRITES_MESSAGE = /read-only transaction|No space left on device|could not extend file/i;

/** Whether an error means "the database is not there right now" rather than a fault in our code. */
export function isDatabaseUnavailable(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const { code, name, message } = error as { code?: unknown; name?: unknown; message?: unknown };
  if (typeof code === 'string' && UNAVAILABLE_CODES.has(code)) return true;
  if (name === 'PrismaClientInitializationError') return true;
  return typeof message === 'string' && UNAVAILABLE_MESSAGE.test(message);
}

/** The SQLSTATE the driver adapter passed on, wherever in the error's causes it sits. */
function sqlStateOf(error: object): string | null {
  for (let current: unknown = error, depth = 0; typeof current === 'object' && current !== null && depth < 5; depth += 1) {
    const { originalCode, cause } = current as { originalCode?: unknown; cause?: unknown };
    if (typeof originalCode === 'string') return originalCode;
    current = cause;
  }
  return null;
}

/** Whether the database is there but refuses writes (read-only or full): nothing was written. */
export function isDatabaseRefusingWrites(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const state = sqlStateOf(error);
  if (state && REFUSING_WRITES_SQLSTATES.has(state)) return true;
  const { message } = error as { message?: unknown };
  return typeof message === 'string' && REFUSING_WRITES_MESSAGE.test(message);
}
