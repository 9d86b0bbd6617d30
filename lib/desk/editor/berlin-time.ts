/*
 * The desk shows and takes times on the ministry's clock (Europe/Berlin),
 * whatever the server's or browser's zone; <input type="datetime-local">
 * sends "2026-03-29T02:30" without a zone, so the offset is worked out here.
 */

const ZONE = 'Europe/Berlin';

const PARTS = new Intl.DateTimeFormat('en-CA', {
  timeZone: ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});

function berlinParts(instant: Date): Record<string, number> {
  return Object.fromEntries(
    PARTS.formatToParts(instant)
      .filter((part) => part.type !== 'literal')
      .map((part) => [part.type, Number(part.value)]),
  );
}

/** Minutes Berlin is ahead of UTC at an instant (60 in winter, 120 in summer). */
function offsetMinutes(instant: Date): number {
  const p = berlinParts(instant);
  const asUtc = Date.UTC(p.year ?? 0, (p.month ?? 1) - 1, p.day ?? 1, p.hour ?? 0, p.minute ?? 0, p.second ?? 0);
  return Math.round((asUtc - Math.floor(instant.getTime() / 1000) * 1000) / 60_000);
}

/** "2026-12-11T09:30" as the datetime-local input wants it, on Berlin's clock. */
export function toBerlinInput(instant: Date): string {
  const p = berlinParts(instant);
  const two = (n: number | undefined) => String(n ?? 0).padStart(2, '0');
  return `${p.year}-${two(p.month)}-${two(p.day)}T${two(p.hour)}:${two(p.minute)}`;
}

const LOCAL = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/;

/**
 * The instant a Berlin wall-clock time names, or null when it is not a time.
 * In the hour skipped in spring the later offset is taken (02:30 becomes 03:30);
 * in the hour repeated in autumn the earlier (summer) one.
 */
export function fromBerlinInput(value: string): Date | null {
  const match = LOCAL.exec(value.trim());
  if (!match) return null;
  const [year, month, day, hour, minute, second] = match.slice(1).map((part) => Number(part ?? 0)) as [number, number, number, number, number, number];
  const wall = Date.UTC(year, month - 1, day, hour, minute, second);
  const check = new Date(wall);
  if (check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day || hour > 23 || minute > 59) return null;
  // Try the summer offset first (it is the earlier instant when both fit), then winter.
  for (const offset of [120, 60]) {
    const candidate = new Date(wall - offset * 60_000);
    if (offsetMinutes(candidate) === offset) return candidate;
  }
  // In the skipped hour neither fits: winter's offset lands after the jump.
  return new Date(wall - 60 * 60_000);
}

/** An instant as ISO 8601 with Berlin's offset, as lib/content's input wants it. */
export function toBerlinIso(instant: Date): string {
  const offset = offsetMinutes(instant);
  const sign = offset >= 0 ? '+' : '-';
  const abs = Math.abs(offset);
  const two = (n: number) => String(n).padStart(2, '0');
  const seconds = two(berlinParts(instant).second ?? 0);
  return `${toBerlinInput(instant)}:${seconds}${sign}${two(Math.floor(abs / 60))}:${two(abs % 60)}`;
}
