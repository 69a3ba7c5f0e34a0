/**
 * The text decoders a pickle needs, written out because the obvious ones
 * are wrong for it: `TextDecoder('latin1')` is windows-1252 in browsers,
 * `TextDecoder('ascii')` never fails, and UTF-8 `TextDecoder` replaces
 * encoded surrogates (CPython reads them with surrogatepass) and drops a
 * leading BOM (which is data in a pickle).
 */
import { UnpicklingError } from '../errors.js';

const CHUNK = 8192;

/**
 * The `n` <= 16 bytes at `p` as ISO-8859-1 text, for short strings (dict
 * keys, the strings of object arrays): one `fromCharCode` call with the
 * bytes as arguments builds no intermediate string, where adding one
 * character at a time builds one per character (about twice the time for a
 * million short strings, most of it in the garbage collector).
 */
export function latin1Short(b: Uint8Array, p: number, n: number): string {
  switch (n) {
    case 0: return '';
    case 1: return String.fromCharCode(b[p]!);
    case 2: return String.fromCharCode(b[p]!, b[p + 1]!);
    case 3: return String.fromCharCode(b[p]!, b[p + 1]!, b[p + 2]!);
    case 4: return String.fromCharCode(b[p]!, b[p + 1]!, b[p + 2]!, b[p + 3]!);
    case 5: return String.fromCharCode(b[p]!, b[p + 1]!, b[p + 2]!, b[p + 3]!, b[p + 4]!);
    case 6: return String.fromCharCode(b[p]!, b[p + 1]!, b[p + 2]!, b[p + 3]!, b[p + 4]!, b[p + 5]!);
    case 7: return String.fromCharCode(b[p]!, b[p + 1]!, b[p + 2]!, b[p + 3]!, b[p + 4]!, b[p + 5]!, b[p + 6]!);
    case 8: return String.fromCharCode(b[p]!, b[p + 1]!, b[p + 2]!, b[p + 3]!, b[p + 4]!, b[p + 5]!, b[p + 6]!, b[p + 7]!);
    default: return latin1Short(b, p, 8) + latin1Short(b, p + 8, n - 8);
  }
}

/** ISO-8859-1: byte n is U+00nn, for all 256 bytes. */
export function latin1(b: Uint8Array): string {
  if (b.length <= 16) return latin1Short(b, 0, b.length);
  if (b.length <= CHUNK) return String.fromCharCode.apply(null, b as unknown as number[]);
  let s = '';
  for (let i = 0; i < b.length; i += CHUNK) s += String.fromCharCode.apply(null, b.subarray(i, i + CHUNK) as unknown as number[]);
  return s;
}

/** What Python's UnicodeDecodeError carries, for callers that print its repr (numpy does). */
export interface DecodeErrorDetail {
  codec: string;
  object: Uint8Array;
  start: number;
  end: number;
  reason: string;
}

function decodeError(codec: string, b: Uint8Array, pos: number, reason: string): UnpicklingError {
  const byte = b[pos]!.toString(16).padStart(2, '0');
  const err = new UnpicklingError(`'${codec}' codec can't decode byte 0x${byte} in position ${pos}: ${reason}`, {
    pythonType: 'UnicodeDecodeError',
  });
  const detail: DecodeErrorDetail = { codec, object: b.slice(), start: pos, end: pos + 1, reason };
  Object.assign(err, { detail });
  return err;
}

export function ascii(b: Uint8Array): string {
  for (let i = 0; i < b.length; i++) if (b[i]! >= 0x80) throw decodeError('ascii', b, i, 'ordinal not in range(128)');
  return latin1(b);
}

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** UTF-8 as CPython's BINUNICODE reads it: strict, but encoded surrogates pass. */
export function utf8Surrogatepass(b: Uint8Array): string {
  let i = 0;
  while (i < b.length && b[i]! < 0x80) i++;
  if (i === b.length) return latin1(b);
  try {
    return utf8.decode(b);
  } catch {
    return utf8Slow(b);
  }
}

function utf8Slow(b: Uint8Array): string {
  let out = '';
  let i = 0;
  while (i < b.length) {
    const c = b[i]!;
    if (c < 0x80) {
      out += String.fromCharCode(c);
      i++;
      continue;
    }
    let need: number;
    let cp: number;
    if (c >= 0xc2 && c <= 0xdf) [need, cp] = [1, c & 0x1f];
    else if (c >= 0xe0 && c <= 0xef) [need, cp] = [2, c & 0x0f];
    else if (c >= 0xf0 && c <= 0xf4) [need, cp] = [3, c & 0x07];
    else throw decodeError('utf-8', b, i, 'invalid start byte');
    if (i + need >= b.length) throw decodeError('utf-8', b, i, 'unexpected end of data');
    for (let k = 1; k <= need; k++) {
      const x = b[i + k]!;
      if ((x & 0xc0) !== 0x80) throw decodeError('utf-8', b, i, 'invalid continuation byte');
      cp = (cp << 6) | (x & 0x3f);
    }
    const min = need === 1 ? 0x80 : need === 2 ? 0x800 : 0x10000;
    if (cp < min || cp > 0x10ffff) throw decodeError('utf-8', b, i, 'invalid continuation byte');
    out += String.fromCodePoint(cp); // surrogates (ED A0..BF xx) come through as lone code units
    i += need + 1;
  }
  return out;
}

function hexValue(c: number): number {
  if (c >= 0x30 && c <= 0x39) return c - 0x30;
  if (c >= 0x61 && c <= 0x66) return c - 0x57;
  if (c >= 0x41 && c <= 0x46) return c - 0x37;
  return -1;
}

/** Python's raw-unicode-escape (UNICODE opcode): Latin-1 bytes plus `\uXXXX` and `\UXXXXXXXX`. */
export function rawUnicodeEscape(b: Uint8Array): string {
  if (b.indexOf(0x5c) < 0) return latin1(b);
  let out = '';
  let i = 0;
  while (i < b.length) {
    const c = b[i]!;
    const kind = c === 0x5c && i + 1 < b.length ? b[i + 1]! : 0;
    if (kind !== 0x75 && kind !== 0x55) {
      out += String.fromCharCode(c);
      i++;
      continue;
    }
    const digits = kind === 0x75 ? 4 : 8;
    let cp = 0;
    for (let k = 0; k < digits; k++) {
      const h = i + 2 + k < b.length ? hexValue(b[i + 2 + k]!) : -1;
      if (h < 0) {
        throw new UnpicklingError(`'rawunicodeescape' codec can't decode bytes in position ${i}-${i + 1 + k}: truncated \\${digits === 4 ? 'uXXXX' : 'UXXXXXXXX'} escape`, { pythonType: 'UnicodeDecodeError' });
      }
      cp = cp * 16 + h;
    }
    if (cp > 0x10ffff) {
      throw new UnpicklingError(`'rawunicodeescape' codec can't decode bytes in position ${i}-${i + 9}: \\Uxxxxxxxx out of range`, { pythonType: 'UnicodeDecodeError' });
    }
    out += cp <= 0xffff ? String.fromCharCode(cp) : String.fromCodePoint(cp);
    i += 2 + digits;
  }
  return out;
}

const SIMPLE_ESCAPES: Record<number, number> = {
  0x5c: 0x5c, 0x27: 0x27, 0x22: 0x22, 0x61: 0x07, 0x62: 0x08, 0x66: 0x0c, 0x6e: 0x0a, 0x72: 0x0d, 0x74: 0x09, 0x76: 0x0b,
};

/** Python's `codecs.escape_decode`: the inside of a protocol-0 STRING. */
export function escapeDecode(b: Uint8Array): Uint8Array {
  if (b.indexOf(0x5c) < 0) return b.slice();
  const out: number[] = [];
  let i = 0;
  while (i < b.length) {
    const c = b[i++]!;
    if (c !== 0x5c) {
      out.push(c);
      continue;
    }
    if (i >= b.length) throw new UnpicklingError('Trailing \\ in string', { pythonType: 'ValueError' });
    const e = b[i++]!;
    if (e === 0x0a) continue; // backslash-newline: nothing
    const simple = SIMPLE_ESCAPES[e];
    if (simple !== undefined) out.push(simple);
    else if (e >= 0x30 && e <= 0x37) {
      let v = e - 0x30;
      for (let k = 0; k < 2 && i < b.length && b[i]! >= 0x30 && b[i]! <= 0x37; k++) v = v * 8 + (b[i++]! - 0x30);
      out.push(v & 0xff);
    } else if (e === 0x78) {
      const h1 = i < b.length ? hexValue(b[i]!) : -1;
      const h2 = i + 1 < b.length ? hexValue(b[i + 1]!) : -1;
      if (h1 < 0 || h2 < 0) throw new UnpicklingError(`invalid \\x escape at position ${i - 2}`, { pythonType: 'ValueError' });
      out.push(h1 * 16 + h2);
      i += 2;
    } else {
      out.push(0x5c, e); // unknown escapes stay as written
    }
  }
  return Uint8Array.from(out);
}

const LATIN1_NAMES = new Set(['latin1', 'latin-1', 'iso-8859-1', 'iso8859-1', 'l1', 'cp819', 'latin', '8859', 'iso-ir-100']);
const ASCII_NAMES = new Set(['ascii', 'us-ascii', '646', 'us']);

/** Python's codec name normalisation, enough to find latin1 and ascii under their aliases. */
function normalise(encoding: string): string {
  return encoding.trim().toLowerCase().replace(/_/g, '-');
}

/**
 * Codecs beyond the runtime's TextDecoder (cp437, mac_roman, ...): the Node
 * entry registers iconv-lite here; browsers keep the TextDecoder set, so the
 * core bundle carries no codec tables. Returns undefined for an unknown codec.
 */
export type CodecDecoder = (bytes: Uint8Array, encoding: string) => string | undefined;
let extraCodecs: CodecDecoder | undefined;

export function registerCodecs(decoder: CodecDecoder): void {
  extraCodecs = decoder;
}

function textDecoderFor(name: string): TextDecoder | undefined {
  try {
    return new TextDecoder(name, { fatal: true, ignoreBOM: true });
  } catch {
    return undefined;
  }
}

/**
 * A Python 2 `str` under the unpickler's `encoding`: 'bytes' keeps the bytes,
 * latin1 and ASCII are decoded here, other codecs strictly by the runtime's
 * TextDecoder or, for the ones it lacks, the registered codec provider.
 */
export function decodePy2Str(b: Uint8Array, encoding: string): string | Uint8Array {
  if (encoding === 'bytes') return b.slice();
  const name = normalise(encoding);
  if (LATIN1_NAMES.has(name)) return latin1(b);
  if (ASCII_NAMES.has(name)) return ascii(b);
  if (name === 'utf-8' || name === 'utf8') return utf8Surrogatepass(b);
  const failed = () => new UnpicklingError(
    `'${encoding}' codec can't decode the Python 2 str ${JSON.stringify(latin1(b.subarray(0, 40)))}`,
    { pythonType: 'UnicodeDecodeError' },
  );
  const decoder = textDecoderFor(name);
  if (decoder !== undefined) {
    try {
      return decoder.decode(b);
    } catch {
      throw failed();
    }
  }
  const text = extraCodecs?.(b, encoding);
  if (text === undefined) throw new UnpicklingError(`unknown encoding: ${encoding}`, { pythonType: 'LookupError' });
  // single-byte tables decode an undefined byte as U+FFFD where Python raises
  if (text.includes('\ufffd')) throw failed();
  return text;
}
