/**
 * numpy's FloatingFormat and ComplexFloatingFormat (numpy/_core/arrayprint.py)
 * and the str() of float and complex scalars (scalartypes.c.src), over
 * Dragon4 from ./dragon4.ts.
 *
 * A float element is carried as its decoded bits (exact, whatever the type)
 * plus a JS number (exact for float16/32/64, rounded for long double) used
 * where numpy does arithmetic in the element's own type.
 */
import {
  bitsOfNumber, cmpAbsBits, cmpAbsRational, float64Bits, formatPositional, formatScientific, roundHalf,
  type FloatBits, type FloatSize, type Trim,
} from './dragon4.js';

export type FloatMode = 'fixed' | 'unique' | 'maxprec' | 'maxprec_equal';
export type SignMode = '-' | '+' | ' ';

/** One float element: its bits (exact) and its value as a JS number. */
export interface Flt {
  readonly v: number;
  readonly bits: FloatBits;
}

export function fltOf(v: number, size: FloatSize): Flt {
  return { v, bits: bitsOfNumber(v, size) };
}

export function fltOfBits(bits: FloatBits): Flt {
  let v: number;
  if (bits.kind === 'nan') v = NaN;
  else if (bits.kind === 'inf') v = Infinity;
  else v = approx(bits);
  return { v: bits.neg ? -v : v, bits };
}

function approx(b: FloatBits): number {
  if (b.mantissa === 0n) return 0;
  // keep 64 bits at most, then scale in steps so nothing overflows or underflows early
  let m = b.mantissa;
  let e = b.exponent;
  const extra = m.toString(2).length - 64;
  if (extra > 0) {
    m >>= BigInt(extra);
    e += extra;
  }
  let x = Number(m);
  while (e > 0) {
    const s = Math.min(e, 1000);
    x *= 2 ** s;
    e -= s;
  }
  while (e < 0) {
    const s = Math.max(e, -1000);
    x *= 2 ** s;
    e -= s;
  }
  return x;
}

export interface FloatPrintOptions {
  precision: number;
  floatmode: FloatMode;
  suppress: boolean;
  sign: SignMode;
  nanstr: string;
  infstr: string;
}

const isFinite_ = (x: Flt): boolean => x.bits.kind === 'finite';

/** finfo(dtype).precision: digits that always survive a round trip. */
function finfoPrecision(size: FloatSize): number {
  return size === 2 ? 3 : size === 4 ? 6 : size === 8 ? 15 : 18;
}

const BITS_1E_4 = float64Bits(0.0001);

/** numpy's FloatingFormat: one column format for all the (shown) elements. */
export class FloatingFormat {
  private readonly size: FloatSize;
  private readonly floatmode: FloatMode;
  private readonly suppressSmall: boolean;
  private readonly sign: SignMode;
  private readonly nanstr: string;
  private readonly infstr: string;
  private precision: number;
  private expFormat = false;
  private padLeft = 0;
  private padRight = 0;
  private trim: Trim = '.';
  private expSize = -1;
  private unique = true;
  private minDigits = -1;

  constructor(data: readonly Flt[], size: FloatSize, o: FloatPrintOptions, signOverride?: SignMode) {
    this.size = size;
    this.floatmode = o.floatmode;
    this.precision = o.floatmode === 'unique' ? -1 : o.precision;
    this.suppressSmall = o.suppress;
    this.sign = signOverride ?? o.sign;
    this.nanstr = o.nanstr;
    this.infstr = o.infstr;
    this.fillFormat(data);
  }

  private fillFormat(data: readonly Flt[]): void {
    const finite = data.filter(isFinite_);
    const nonZero = finite.filter((x) => x.bits.mantissa !== 0n);
    if (nonZero.length !== 0) {
      let max = nonZero[0]!;
      let min = nonZero[0]!;
      for (const x of nonZero) {
        if (this.cmpAbs(x, max) > 0) max = x;
        if (this.cmpAbs(x, min) < 0) min = x;
      }
      const cutoff = 10 ** Math.min(8, finfoPrecision(this.size));
      if (this.absAtLeast(max, cutoff) || (!this.suppressSmall && (this.absBelowSmall(min) || this.ratioAbove1000(max, min)))) {
        this.expFormat = true;
      }
    }
    const signPlus = this.sign === '+';
    if (finite.length === 0) {
      this.padLeft = 0;
      this.padRight = 0;
      this.trim = '.';
      this.expSize = -1;
      this.unique = true;
      this.minDigits = -1;
    } else if (this.expFormat) {
      let trim: Trim = '.';
      let unique = true;
      if (this.floatmode === 'fixed') {
        trim = 'k';
        unique = false;
      }
      let expSize = 0;
      let prec = 0;
      let left = 0;
      for (const x of finite) {
        const s = formatScientific(x.bits, { precision: this.precision, unique, trim, sign: signPlus });
        const e = s.indexOf('e');
        const mant = s.slice(0, e);
        const dot = mant.indexOf('.');
        expSize = Math.max(expSize, s.length - e - 1);
        left = Math.max(left, dot);
        prec = Math.max(prec, mant.length - dot - 1);
      }
      this.expSize = expSize - 1;
      this.trim = 'k';
      this.precision = prec;
      this.minDigits = prec;
      this.unique = unique;
      this.padLeft = left;
      this.padRight = this.expSize + 2 + this.precision;
    } else {
      let trim: Trim = '.';
      let unique = true;
      if (this.floatmode === 'fixed') {
        trim = 'k';
        unique = false;
      }
      let left = 0;
      let right = 0;
      for (const x of finite) {
        const s = formatPositional(x.bits, { precision: this.precision, fractional: true, unique, trim, sign: signPlus });
        const dot = s.indexOf('.');
        left = Math.max(left, dot);
        right = Math.max(right, s.length - dot - 1);
      }
      this.padLeft = left;
      this.padRight = right;
      this.expSize = -1;
      this.unique = unique;
      if (this.floatmode === 'fixed' || this.floatmode === 'maxprec_equal') {
        this.precision = this.minDigits = this.padRight;
        this.trim = 'k';
      } else {
        this.trim = '.';
        this.minDigits = 0;
      }
    }
    if (this.sign === ' ' && !finite.some((x) => x.bits.neg)) this.padLeft += 1;
    if (data.length !== finite.length) {
      const neginf = this.sign !== '-' || data.some((x) => x.bits.kind === 'inf' && x.bits.neg) ? 1 : 0;
      const offset = this.padRight + 1;
      this.padLeft = Math.max(this.padLeft, this.nanstr.length - offset, this.infstr.length + neginf - offset);
    }
  }

  format(x: Flt): string {
    const b = x.bits;
    if (b.kind !== 'finite') {
      let ret: string;
      if (b.kind === 'nan') ret = (this.sign === '+' ? '+' : '') + this.nanstr;
      else ret = (b.neg ? '-' : this.sign === '+' ? '+' : '') + this.infstr;
      return ' '.repeat(Math.max(0, this.padLeft + this.padRight + 1 - ret.length)) + ret;
    }
    if (this.expFormat) {
      return formatScientific(b, {
        precision: this.precision, minDigits: this.minDigits, unique: this.unique, trim: this.trim,
        sign: this.sign === '+', padLeft: this.padLeft, expDigits: this.expSize,
      });
    }
    return formatPositional(b, {
      precision: this.precision, minDigits: this.minDigits, unique: this.unique, fractional: true, trim: this.trim,
      sign: this.sign === '+', padLeft: this.padLeft, padRight: this.padRight,
    });
  }

  // ---- comparisons in the element's own type, as numpy does them ----

  private cmpAbs(a: Flt, b: Flt): number {
    if (this.size === 16) return cmpAbsBits(a.bits, b.bits);
    const x = Math.abs(a.v);
    const y = Math.abs(b.v);
    return x < y ? -1 : x > y ? 1 : 0;
  }

  /** max_val >= exp_cutoff_max (an integer power of ten, exact in every type). */
  private absAtLeast(a: Flt, cutoff: number): boolean {
    if (this.size === 16) return cmpAbsRational(a.bits, BigInt(cutoff), 1n) >= 0;
    return Math.abs(a.v) >= cutoff;
  }

  /** min_val < 0.0001, the Python float cast to the element type first (NEP 50). */
  private absBelowSmall(a: Flt): boolean {
    if (this.size === 16) return cmpAbsBits(a.bits, BITS_1E_4) < 0;
    const small = this.size === 2 ? roundHalf(0.0001) : this.size === 4 ? Math.fround(0.0001) : 0.0001;
    return Math.abs(a.v) < small;
  }

  /** max_val / min_val > 1000., the division done in the element type. */
  private ratioAbove1000(max: Flt, min: Flt): boolean {
    if (this.size === 16) {
      const a = max.bits;
      const b = min.bits;
      // |a| > 1000 |b|
      const e = Math.min(a.exponent, b.exponent);
      return (a.mantissa << BigInt(a.exponent - e)) > 1000n * (b.mantissa << BigInt(b.exponent - e));
    }
    let r = Math.abs(max.v) / Math.abs(min.v);
    if (this.size === 4) r = Math.fround(r);
    else if (this.size === 2) r = roundHalf(r);
    return r > 1000;
  }
}

export interface Cplx {
  readonly re: Flt;
  readonly im: Flt;
}

/** numpy's ComplexFloatingFormat: a FloatingFormat for each part, the imaginary one signed. */
export class ComplexFloatingFormat {
  private readonly real: FloatingFormat;
  private readonly imag: FloatingFormat;

  constructor(data: readonly Cplx[], partSize: FloatSize, o: FloatPrintOptions) {
    this.real = new FloatingFormat(data.map((c) => c.re), partSize, o);
    this.imag = new FloatingFormat(data.map((c) => c.im), partSize, o, '+');
  }

  format(x: Cplx): string {
    const r = this.real.format(x.re);
    const i = this.imag.format(x.im);
    const sp = i.trimEnd().length;
    return r + i.slice(0, sp) + 'j' + i.slice(sp);
  }
}

/** The largest magnitude a float scalar's str() prints positionally. */
function maxPositional(size: FloatSize): bigint {
  return size === 2 ? 1000n : size === 4 ? 1000000n : 10000000000000000n;
}

function eitherStr(b: FloatBits, size: FloatSize, trimPos: Trim, trimSci: Trim, sign: boolean): string {
  const positional = b.kind === 'nan' || (b.kind === 'finite' && b.mantissa === 0n)
    || (b.kind === 'finite' && cmpAbsRational(b, maxPositional(size), 1n) < 0 && cmpAbsRational(b, 1n, 10000n) >= 0);
  if (positional) return formatPositional(b, { precision: -1, fractional: false, unique: true, trim: trimPos, sign });
  return formatScientific(b, { precision: -1, unique: true, trim: trimSci, sign });
}

/** str() of a numpy float scalar (`np.float32(0.1)` -> `0.1`, `1e+16`, `-0.0`). */
export function floatScalarStr(x: Flt, size: FloatSize): string {
  return eitherStr(x.bits, size, '0', '-', false);
}

/** str() of a numpy complex scalar (`(1+2j)`, `2j`, `(nan+infj)`); `partSize` is the size of each part. */
export function complexScalarStr(x: Cplx, partSize: FloatSize): string {
  const re = x.re.bits;
  const im = x.im.bits;
  if (re.kind === 'finite' && re.mantissa === 0n && !re.neg) {
    return eitherStr(im, partSize, '-', '-', false) + 'j';
  }
  let r: string;
  if (re.kind === 'finite') r = eitherStr(re, partSize, '-', '-', false);
  else if (re.kind === 'nan') r = 'nan';
  else r = re.neg ? '-inf' : 'inf';
  let i: string;
  if (im.kind === 'finite') i = eitherStr(im, partSize, '-', '-', true);
  else if (im.kind === 'nan') i = '+nan';
  else i = im.neg ? '-inf' : '+inf';
  return `(${r}${i}j)`;
}
