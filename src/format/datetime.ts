/**
 * datetime64 and timedelta64 as numpy prints them: ISO 8601 strings per unit
 * (numpy's NpyDatetime_ConvertDatetime64ToDatetimeStruct and
 * NpyDatetime_MakeISO8601Datetime, in BigInt so no range is lost), and the
 * str() of timedelta scalars (`5 seconds`).
 */
import type { TimeUnit } from '../dtype/dtype.js';
import { NpyioArgumentError } from '../errors.js';

export const NAT = -(2n ** 63n);

const NS_PER: Record<string, bigint> = {
  h: 3600n, m: 60n, s: 1n,
};

/** Sub-second units and their digits after the point. */
const SUBSEC: Record<string, number> = { ms: 3, us: 6, ns: 9, ps: 12, fs: 15, as: 18 };

function floorDiv(a: bigint, b: bigint): bigint {
  const q = a / b;
  return (a % b !== 0n && (a < 0n) !== (b < 0n)) ? q - 1n : q;
}

function floorMod(a: bigint, b: bigint): bigint {
  const r = a % b;
  return r !== 0n && (r < 0n) !== (b < 0n) ? r + b : r;
}

/** Days since 1970-01-01 -> proleptic Gregorian year, month (1-12), day (1-31). */
function civilFromDays(days: bigint): [bigint, number, number] {
  // Howard Hinnant's algorithm, with floor division so any range works.
  const z = days + 719468n;
  const era = floorDiv(z, 146097n);
  const doe = z - era * 146097n; // [0, 146096]
  const yoe = (doe - doe / 1460n + doe / 36524n - doe / 146096n) / 365n; // [0, 399]
  const y = yoe + era * 400n;
  const doy = doe - (365n * yoe + yoe / 4n - yoe / 100n); // [0, 365]
  const mp = (5n * doy + 2n) / 153n; // [0, 11]
  const d = Number(doy - (153n * mp + 2n) / 5n + 1n);
  const m = Number(mp < 10n ? mp + 3n : mp - 9n);
  return [m <= 2 ? y + 1n : y, m, d];
}

function pad(n: bigint | number, width: number): string {
  // C's %0Nd: the sign counts toward the width
  const neg = typeof n === 'bigint' ? n < 0n : n < 0;
  const digits = (neg ? -BigInt(n) : BigInt(n)).toString();
  const w = neg ? width - 1 : width;
  return (neg ? '-' : '') + (digits.length < w ? '0'.repeat(w - digits.length) : '') + digits;
}

/**
 * numpy's ISO string of a datetime64 value (`'NaT'` for NaT), printed at the
 * dtype's base unit: `value * count` units of `unit` since the epoch.
 */
export function datetimeToIso(value: bigint, unit: TimeUnit, count: number): string {
  if (value === NAT) return 'NaT';
  if (unit === 'generic') {
    throw new NpyioArgumentError('Cannot convert a NumPy datetime value other than NaT with generic units', { pythonType: 'ValueError' });
  }
  const v = value * BigInt(count);
  if (unit === 'Y') return pad(1970n + v, 4);
  if (unit === 'M') {
    const y = 1970n + floorDiv(v, 12n);
    return `${pad(y, 4)}-${pad(Number(floorMod(v, 12n)) + 1, 2)}`;
  }
  let days: bigint;
  let rest = 0n; // units of `unit` within the day
  let perDay = 1n;
  if (unit === 'W') days = v * 7n;
  else if (unit === 'D') days = v;
  else {
    perDay = unitsPerDay(unit);
    days = floorDiv(v, perDay);
    rest = floorMod(v, perDay);
  }
  const [y, mo, d] = civilFromDays(days);
  let s = `${pad(y, 4)}-${pad(mo, 2)}-${pad(d, 2)}`;
  if (unit === 'W' || unit === 'D') return s;
  const perSecond = perDay / 86400n || 1n;
  let secOfDay: bigint;
  let frac = 0n;
  if (unit === 'h') secOfDay = rest * 3600n;
  else if (unit === 'm') secOfDay = rest * 60n;
  else {
    secOfDay = rest / perSecond;
    frac = rest % perSecond;
  }
  const hh = secOfDay / 3600n;
  const mm = (secOfDay / 60n) % 60n;
  const ss = secOfDay % 60n;
  s += `T${pad(hh, 2)}`;
  if (unit === 'h') return s;
  s += `:${pad(mm, 2)}`;
  if (unit === 'm') return s;
  s += `:${pad(ss, 2)}`;
  if (unit === 's') return s;
  return s + '.' + pad(frac, SUBSEC[unit]!);
}

function unitsPerDay(unit: TimeUnit): bigint {
  if (unit in NS_PER) return 86400n / NS_PER[unit]!;
  return 86400n * 10n ** BigInt(SUBSEC[unit]!);
}

const VERBOSE: Record<string, string> = {
  Y: 'years', M: 'months', W: 'weeks', D: 'days', h: 'hours', m: 'minutes', s: 'seconds',
  ms: 'milliseconds', us: 'microseconds', ns: 'nanoseconds', ps: 'picoseconds', fs: 'femtoseconds',
  as: 'attoseconds', generic: 'generic time units',
};

/** str() of a numpy timedelta64 scalar: `NaT` or `<value * count> <unit words>`. */
export function timedeltaScalarStr(value: bigint, unit: TimeUnit, count: number): string {
  if (value === NAT) return 'NaT';
  return `${BigInt.asIntN(64, value * BigInt(count))} ${VERBOSE[unit]}`;
}
