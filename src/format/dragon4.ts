/**
 * numpy's Dragon4 (numpy/_core/src/multiarray/dragon4.c), ported to BigInt.
 *
 * Every IEEE float numpy prints goes through this: the value is split into an
 * integer significand and a power of two exactly as the C code does for
 * binary16, binary32, binary64 and the x87 80-bit long double, so "unique"
 * (shortest round-trip) digits are found at the precision of the value's own
 * type: float32 0.1 prints `0.1`, not `0.10000000149011612`.
 *
 * `formatPositional` and `formatScientific` follow FormatPositional and
 * FormatScientific of the C file line by line (trim modes, min digits,
 * padding), minus the fixed 16 KiB output buffer.
 */

/** An IEEE value taken apart as dragon4.c does: value = mantissa * 2^exponent. */
export interface FloatBits {
  readonly neg: boolean;
  readonly kind: 'finite' | 'nan' | 'inf';
  readonly mantissa: bigint;
  readonly exponent: number;
  /** Index of the highest set bit of `mantissa`. */
  readonly mantissaBit: number;
  /** True when the gap to the next value above is twice the gap below (a power of two). */
  readonly unequalMargins: boolean;
}

/** Item size of the float type: 2, 4, 8 or 16 (x87 long double, 80 bits padded). */
export type FloatSize = 2 | 4 | 8 | 16;

function bitLength(m: bigint): number {
  return m === 0n ? 0 : m.toString(2).length - 1;
}

function ieee(neg: boolean, bexp: number, frac: bigint, fracBits: number, bias: number, expAllOnes: number): FloatBits {
  if (bexp === expAllOnes) {
    return { neg, kind: frac === 0n ? 'inf' : 'nan', mantissa: 0n, exponent: 0, mantissaBit: 0, unequalMargins: false };
  }
  if (bexp !== 0) {
    return {
      neg, kind: 'finite',
      mantissa: (1n << BigInt(fracBits)) | frac,
      exponent: bexp - bias - fracBits,
      mantissaBit: fracBits,
      unequalMargins: bexp !== 1 && frac === 0n,
    };
  }
  return { neg, kind: 'finite', mantissa: frac, exponent: 1 - bias - fracBits, mantissaBit: bitLength(frac), unequalMargins: false };
}

const f64 = new Float64Array(1);
const f64u = new Uint32Array(f64.buffer);
const f32 = new Float32Array(1);
const f32u = new Uint32Array(f32.buffer);
const LITTLE = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

export function float64Bits(v: number): FloatBits {
  f64[0] = v;
  const hi = f64u[LITTLE ? 1 : 0]!;
  const lo = f64u[LITTLE ? 0 : 1]!;
  const frac = (BigInt(hi & 0xfffff) << 32n) | BigInt(lo);
  return ieee(hi >>> 31 === 1, (hi >>> 20) & 0x7ff, frac, 52, 1023, 0x7ff);
}

export function float32Bits(v: number): FloatBits {
  f32[0] = v;
  const u = f32u[0]!;
  return ieee(u >>> 31 === 1, (u >>> 23) & 0xff, BigInt(u & 0x7fffff), 23, 127, 0xff);
}

export function float16BitsOf(h: number): FloatBits {
  return ieee((h & 0x8000) !== 0, (h >> 10) & 0x1f, BigInt(h & 0x3ff), 10, 15, 0x1f);
}

/** Round a number to the nearest binary16 (ties to even) and give its bits. */
export function toHalfBits(v: number): number {
  const sign = v < 0 || Object.is(v, -0) ? 0x8000 : 0;
  if (Number.isNaN(v)) return 0x7e00;
  const a = Math.abs(v);
  if (a === Infinity) return sign | 0x7c00;
  if (a >= 65520) return sign | 0x7c00; // rounds to inf
  if (a < 2 ** -14) {
    // subnormal: units of 2^-24
    const q = a / 2 ** -24;
    let n = Math.floor(q);
    const r = q - n;
    if (r > 0.5 || (r === 0.5 && (n & 1) === 1)) n++;
    return sign | n; // n may reach 0x400: the smallest normal, which is the right encoding
  }
  let e = Math.floor(Math.log2(a));
  if (2 ** e > a) e--;
  if (2 ** (e + 1) <= a) e++;
  const q = a / 2 ** (e - 10); // in [1024, 2048)
  let n = Math.floor(q);
  const r = q - n;
  if (r > 0.5 || (r === 0.5 && (n & 1) === 1)) n++;
  if (n === 2048) {
    n = 1024;
    e++;
  }
  if (e + 15 >= 31) return sign | 0x7c00;
  return sign | ((e + 15) << 10) | (n - 1024);
}

/** Round to the nearest binary16 value, as a number. */
export function roundHalf(v: number): number {
  const h = toHalfBits(v);
  const b = float16BitsOf(h);
  if (b.kind === 'nan') return NaN;
  if (b.kind === 'inf') return b.neg ? -Infinity : Infinity;
  const m = Number(b.mantissa) * 2 ** b.exponent;
  return b.neg ? -m : m;
}

/** The x87 80-bit extended value at `off` (little-endian, as numpy's longdouble on x86-64). */
export function float80Bits(bytes: Uint8Array, off: number): FloatBits {
  let lo = 0n;
  for (let i = 7; i >= 0; i--) lo = (lo << 8n) | BigInt(bytes[off + i]!);
  const hi = bytes[off + 8]! | (bytes[off + 9]! << 8);
  const frac = lo & ((1n << 63n) - 1n);
  const bexp = hi & 0x7fff;
  const neg = (hi & 0x8000) !== 0;
  if (bexp === 0x7fff) {
    return { neg, kind: frac === 0n ? 'inf' : 'nan', mantissa: 0n, exponent: 0, mantissaBit: 0, unequalMargins: false };
  }
  if (bexp !== 0) {
    return {
      neg, kind: 'finite', mantissa: (1n << 63n) | frac, exponent: bexp - 16383 - 63, mantissaBit: 63,
      unequalMargins: bexp !== 1 && frac === 0n,
    };
  }
  return { neg, kind: 'finite', mantissa: frac, exponent: 1 - 16383 - 63, mantissaBit: bitLength(frac), unequalMargins: false };
}

/** Bits of a number that is exactly representable in the float type of `size` (not 16). */
export function bitsOfNumber(v: number, size: FloatSize): FloatBits {
  if (size === 2) return float16BitsOf(toHalfBits(v));
  if (size === 4) return float32Bits(v);
  return float64Bits(v);
}

/** Exact comparison of |a| and |b| (finite values). */
export function cmpAbsBits(a: FloatBits, b: FloatBits): number {
  if (a.mantissa === 0n || b.mantissa === 0n) return a.mantissa === b.mantissa ? 0 : a.mantissa === 0n ? -1 : 1;
  const e = Math.min(a.exponent, b.exponent);
  const x = a.mantissa << BigInt(a.exponent - e);
  const y = b.mantissa << BigInt(b.exponent - e);
  return x < y ? -1 : x > y ? 1 : 0;
}

/** Exact comparison of |a| with the rational num/den. */
export function cmpAbsRational(a: FloatBits, num: bigint, den: bigint): number {
  // |a| = m * 2^e ; compare m * 2^e * den with num
  let x = a.mantissa * den;
  let y = num;
  if (a.exponent >= 0) x <<= BigInt(a.exponent);
  else y <<= BigInt(-a.exponent);
  return x < y ? -1 : x > y ? 1 : 0;
}

// ---- Dragon4 proper ----

export type DigitMode = 'unique' | 'exact';
export type CutoffMode = 'total' | 'fraction';
/** numpy's TrimMode: 'k' none, '.' keep the point, '0' leave one zero, '-' drop the point. */
export type Trim = 'k' | '.' | '0' | '-';

const LOG10_2 = 0.30102999566398119521373889472449;
const POW10: bigint[] = [1n];
function pow10(n: number): bigint {
  while (POW10.length <= n) POW10.push(POW10[POW10.length - 1]! * 10n);
  return POW10[n]!;
}

interface Digits {
  digits: string;
  /** Base-10 exponent of the first digit. */
  exp10: number;
}

function dragon4(
  b: FloatBits, digitMode: DigitMode, cutoffMode: CutoffMode,
  cutoffMax: number, cutoffMin: number, bufferSize: number,
): Digits {
  const mantissa = b.mantissa;
  const exponent = b.exponent;
  if (mantissa === 0n) return { digits: '0', exp10: 0 };
  const isEven = (mantissa & 1n) === 0n;

  let scaledValue: bigint;
  let scale: bigint;
  let marginLow: bigint;
  const unequal = b.unequalMargins;
  if (unequal) {
    if (exponent > 0) {
      scaledValue = mantissa << BigInt(exponent + 2);
      scale = 4n;
      marginLow = 1n << BigInt(exponent);
    } else {
      scaledValue = mantissa << 2n;
      scale = 1n << BigInt(-exponent + 2);
      marginLow = 1n;
    }
  } else if (exponent > 0) {
    scaledValue = mantissa << BigInt(exponent + 1);
    scale = 2n;
    marginLow = 1n << BigInt(exponent);
  } else {
    scaledValue = mantissa << 1n;
    scale = 1n << BigInt(-exponent + 1);
    marginLow = 1n;
  }
  // The high margin is twice the low one when the margins are unequal.

  let digitExponent = Math.ceil((b.mantissaBit + exponent) * LOG10_2 - 0.69) | 0;
  if (cutoffMax >= 0 && cutoffMode === 'fraction' && digitExponent <= -cutoffMax) {
    digitExponent = -cutoffMax + 1;
  }
  if (digitExponent > 0) {
    scale *= pow10(digitExponent);
  } else if (digitExponent < 0) {
    const p = pow10(-digitExponent);
    scaledValue *= p;
    marginLow *= p;
  }
  if (scaledValue >= scale) {
    digitExponent += 1;
  } else {
    scaledValue *= 10n;
    marginLow *= 10n;
  }

  let cutoffMaxExponent = digitExponent - bufferSize;
  if (cutoffMax >= 0) {
    const desired = cutoffMode === 'total' ? digitExponent - cutoffMax : -cutoffMax;
    if (desired > cutoffMaxExponent) cutoffMaxExponent = desired;
  }
  let cutoffMinExponent = digitExponent;
  if (cutoffMin >= 0) {
    const desired = cutoffMode === 'total' ? digitExponent - cutoffMin : -cutoffMin;
    if (desired < cutoffMinExponent) cutoffMinExponent = desired;
  }
  let exp10 = digitExponent - 1;

  const out: number[] = [];
  let outputDigit: number;
  let low = false;
  let high = false;
  if (digitMode === 'unique') {
    for (;;) {
      digitExponent -= 1;
      const q = scaledValue / scale;
      scaledValue -= q * scale;
      outputDigit = Number(q);
      const marginHigh = unequal ? marginLow * 2n : marginLow;
      const valueHigh = scaledValue + marginHigh;
      low = isEven ? scaledValue <= marginLow : scaledValue < marginLow;
      high = isEven ? valueHigh >= scale : valueHigh > scale;
      if (((low || high) && digitExponent <= cutoffMinExponent) || digitExponent === cutoffMaxExponent) break;
      out.push(outputDigit);
      scaledValue *= 10n;
      marginLow *= 10n;
    }
  } else {
    for (;;) {
      digitExponent -= 1;
      const q = scaledValue / scale;
      scaledValue -= q * scale;
      outputDigit = Number(q);
      if (scaledValue === 0n || digitExponent === cutoffMaxExponent) break;
      out.push(outputDigit);
      scaledValue *= 10n;
    }
  }

  let roundDown = low;
  if (low === high) {
    const twice = scaledValue * 2n;
    roundDown = twice < scale;
    if (twice === scale) roundDown = (outputDigit & 1) === 0;
  }
  if (roundDown) {
    out.push(outputDigit);
  } else if (outputDigit === 9) {
    for (;;) {
      if (out.length === 0) {
        out.push(1);
        exp10 += 1;
        break;
      }
      const d = out.pop()!;
      if (d !== 9) {
        out.push(d + 1);
        break;
      }
    }
  } else {
    out.push(outputDigit + 1);
  }
  return { digits: out.join(''), exp10 };
}

const REPR_BUFFER = 16384;

export interface Dragon4Options {
  /** Digit generation: unique (shortest round trip, possibly cut) or exact. */
  unique?: boolean;
  /** Max digits: fractional digits (positional, `fractional`) or significant ones; -1 none. */
  precision?: number;
  /** Min digits (unique mode only); -1 none. */
  minDigits?: number;
  /** Positional only: precision/minDigits count digits after the point (default true). */
  fractional?: boolean;
  trim?: Trim;
  /** Show '+' for positive values. */
  sign?: boolean;
  padLeft?: number;
  padRight?: number;
  expDigits?: number;
}

function infNan(b: FloatBits, sign: boolean): string {
  if (b.kind === 'nan') return 'nan';
  return (b.neg ? '-' : sign ? '+' : '') + 'inf';
}

/** numpy's `dragon4_positional` (format_float_positional) on a decoded value. */
export function formatPositional(b: FloatBits, o: Dragon4Options = {}): string {
  const sign = o.sign ?? false;
  if (b.kind !== 'finite') return infNan(b, sign);
  const digitMode: DigitMode = (o.unique ?? true) ? 'unique' : 'exact';
  const cutoffMode: CutoffMode = (o.fractional ?? true) ? 'fraction' : 'total';
  const precision = o.precision ?? -1;
  const minDigits = o.minDigits ?? -1;
  const trim = o.trim ?? 'k';
  const digitsLeft = o.padLeft ?? -1;
  const digitsRight = o.padRight ?? -1;

  const signChar = b.neg ? '-' : sign ? '+' : '';
  const hasSign = signChar === '' ? 0 : 1;
  const { digits, exp10 } = dragon4(b, digitMode, cutoffMode, precision, minDigits, REPR_BUFFER - 1 - hasSign);
  const numDigits = digits.length;
  let body: string;
  let numWholeDigits: number;
  let numFractionDigits = 0;
  if (exp10 >= 0) {
    numWholeDigits = exp10 + 1;
    if (numDigits <= numWholeDigits) {
      body = digits + '0'.repeat(numWholeDigits - numDigits);
    } else {
      numFractionDigits = numDigits - numWholeDigits;
      body = digits.slice(0, numWholeDigits) + '.' + digits.slice(numWholeDigits);
    }
  } else {
    const zeros = -(exp10 + 1);
    body = '0.' + '0'.repeat(zeros) + digits;
    numFractionDigits = numDigits + zeros;
    numWholeDigits = 1;
  }
  if (trim !== '-' && numFractionDigits === 0) body += '.';

  const addDigits = digitMode === 'unique' ? minDigits : precision;
  let desiredFractional = addDigits < 0 ? 0 : addDigits;
  if (cutoffMode === 'total') desiredFractional = addDigits - numWholeDigits;

  if (trim === '0') {
    if (numFractionDigits === 0) {
      body += '0';
      numFractionDigits++;
    }
  } else if (trim === 'k' && desiredFractional > numFractionDigits) {
    body += '0'.repeat(desiredFractional - numFractionDigits);
    numFractionDigits = desiredFractional;
  }
  if (trim !== 'k' && numFractionDigits > 0) {
    let end = body.length;
    while (body.charCodeAt(end - 1) === 48) {
      end--;
      numFractionDigits--;
    }
    body = body.slice(0, end);
    if (body.endsWith('.')) {
      if (trim === '0') {
        body += '0';
        numFractionDigits++;
      } else if (trim === '-') {
        body = body.slice(0, -1);
      }
    }
  }
  if (digitsRight >= numFractionDigits) {
    if (trim === '-' && numFractionDigits === 0) body += ' ';
    body += ' '.repeat(digitsRight - numFractionDigits);
  }
  let s = signChar + body;
  if (digitsLeft > numWholeDigits + hasSign) s = ' '.repeat(digitsLeft - numWholeDigits - hasSign) + s;
  return s;
}

/** numpy's `dragon4_scientific` (format_float_scientific) on a decoded value. */
export function formatScientific(b: FloatBits, o: Dragon4Options = {}): string {
  const sign = o.sign ?? false;
  if (b.kind !== 'finite') return infNan(b, sign);
  const digitMode: DigitMode = (o.unique ?? true) ? 'unique' : 'exact';
  const precision = o.precision ?? -1;
  const minDigits = o.minDigits ?? -1;
  const trim = o.trim ?? 'k';
  const digitsLeft = o.padLeft ?? -1;
  let expDigits = o.expDigits ?? -1;

  const signChar = b.neg ? '-' : sign ? '+' : '';
  const leftChars = 1 + (signChar === '' ? 0 : 1);
  const pad = digitsLeft > leftChars ? ' '.repeat(digitsLeft - leftChars) : '';
  const bufferSize = REPR_BUFFER - pad.length - (signChar === '' ? 0 : 1);
  const { digits, exp10 } = dragon4(
    b, digitMode, 'total', precision < 0 ? -1 : precision + 1, minDigits < 0 ? -1 : minDigits + 1, bufferSize,
  );
  let s = digits[0]!;
  let numFractionDigits = digits.length - 1;
  if (numFractionDigits > 0) s += '.' + digits.slice(1);
  if (trim !== '-' && numFractionDigits === 0) s += '.';
  const addDigits = Math.max(0, digitMode === 'unique' ? minDigits : precision);
  if (trim === '0') {
    if (numFractionDigits === 0) {
      s += '0';
      numFractionDigits++;
    }
  } else if (trim === 'k' && addDigits > numFractionDigits) {
    s += '0'.repeat(addDigits - numFractionDigits);
    numFractionDigits = addDigits;
  }
  if (trim !== 'k' && numFractionDigits > 0) {
    let end = s.length;
    while (s.charCodeAt(end - 1) === 48) end--;
    s = s.slice(0, end);
    if (trim === '0' && s.endsWith('.')) s += '0';
  }
  if (expDigits > 5) expDigits = 5;
  if (expDigits < 0) expDigits = 2;
  const e = Math.abs(exp10);
  let es = String(e);
  if (es.length < expDigits) es = '0'.repeat(expDigits - es.length) + es;
  return pad + signChar + s + 'e' + (exp10 >= 0 ? '+' : '-') + es;
}
