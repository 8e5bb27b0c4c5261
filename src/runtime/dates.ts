/**
 * Calendar dates as whole day numbers (days since 1970-01-01), so that the
 * scorers compare and subtract them as exact integers like any other number.
 * Only real calendar dates are accepted: 2023-02-29 is refused, not rolled over.
 */
const MS_PER_DAY = 86_400_000;

function daysInMonth(y: number, m: number): number {
  return new Date(Date.UTC(y, m, 0)).getUTCDate();
}

/** The day number of year-month-day, or undefined when no such day exists. */
export function dayNumber(y: number, m: number, d: number): number | undefined {
  if (!Number.isInteger(y) || !Number.isInteger(m) || !Number.isInteger(d)) return undefined;
  if (y < 1000 || y > 9999 || m < 1 || m > 12 || d < 1 || d > daysInMonth(y, m)) return undefined;
  return Date.UTC(y, m - 1, d) / MS_PER_DAY;
}

const ISO = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A date literal as written in a rubric (`2023-06-30`); undefined when it names no real day. */
export function parseIsoDate(text: string): number | undefined {
  const m = ISO.exec(text);
  return m ? dayNumber(Number(m[1]), Number(m[2]), Number(m[3])) : undefined;
}

/**
 * A date given as input: `2023-06-30`, `2023-6-30`, `2023/6/30`, `2023.6.30`,
 * `2023年6月30日`, and the ISO text an XLSX date cell is read as (a time of
 * exactly midnight is allowed; any other time is not a date).
 */
const INPUT = /^(\d{4})\s*(?:[-/.]|年)\s*(\d{1,2})\s*(?:[-/.]|月)\s*(\d{1,2})\s*日?(?:[ T]00:00(?::00(?:\.0+)?)?Z?)?$/;

export function parseInputDate(text: string): number | undefined {
  const m = INPUT.exec(text.trim());
  return m ? dayNumber(Number(m[1]), Number(m[2]), Number(m[3])) : undefined;
}

/** `2023-06-30` for a day number (a fraction of a day is not a date: shown as a number). */
export function showDate(day: { toString(): string }): string {
  const n = Number(day.toString());
  if (!Number.isSafeInteger(n)) return day.toString();
  const dt = new Date(n * MS_PER_DAY);
  const y = dt.getUTCFullYear();
  if (y < 1000 || y > 9999) return day.toString();
  const mm = String(dt.getUTCMonth() + 1).padStart(2, "0");
  const dd = String(dt.getUTCDate()).padStart(2, "0");
  return `${y}-${mm}-${dd}`;
}
