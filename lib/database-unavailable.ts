/** Prisma error codes that mean the database could not be reached or answered too late. */
const UNAVAILABLE_CODES = new Set(['P1001', 'P1002', 'P1008', 'P1017', 'P2024', 'P2037']);
const UNAVAILABLE_MESSAGE = /reach database|timeout|timed out|terminated|ECONNREFUSED|ECONNRESET|Connection .*closed|the database system is (starting|shutting) down/i;

/** Whether an error means "the database is not there right now" rather than a fault in our code. */
export function isDatabaseUnavailable(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const { code, name, message } = error as { code?: unknown; name?: unknown; message?: unknown };
  if (typeof code === 'string' && UNAVAILABLE_CODES.has(code)) return true;
  if (name === 'PrismaClientInitializationError') return true;
  return typeof message === 'string' && UNAVAILABLE_MESSAGE.test(message);
}
