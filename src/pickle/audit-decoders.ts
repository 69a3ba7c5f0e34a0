/**
 * Pure functions the audit evaluates on literal arguments, so that a payload
 * wrapped in base64, zlib, hex or rot13 is seen as what Python would decode:
 * a nested pickle in the bytes, a global name in the string. Each takes the
 * call's arguments and returns the result, or undefined when it cannot say
 * (an argument that is not literal, a codec it does not know, bad data).
 * Output is bounded by MAX_DECODED bytes: a decompression bomb stops there.
 */
import { Unzlib } from 'fflate';
import { concatBytes } from '../io/concat.js';
import { latin1 } from './text.js';

/** The most bytes one modelled call may produce. */
export const MAX_DECODED = 64 * 1024 * 1024;

/** A str that a call computed: not a literal, whatever its value. */
export class ComputedStr {
  constructor(readonly value: string, readonly how: string) {}
}

type Model = (args: readonly unknown[]) => Uint8Array | ComputedStr | undefined;

function text(x: unknown): string | undefined {
  if (typeof x === 'string') return x;
  if (x instanceof ComputedStr) return x.value;
  if (x instanceof Uint8Array) return latin1(x);
  return undefined;
}

function bytesOf(x: unknown): Uint8Array | undefined {
  if (x instanceof Uint8Array) return x;
  const s = typeof x === 'string' ? x : x instanceof ComputedStr ? x.value : undefined;
  if (s === undefined || /[^\x00-\x7f]/.test(s)) return undefined;
  return Uint8Array.from(s, (ch) => ch.charCodeAt(0));
}

function fromBase64(x: unknown, urlsafe = false): Uint8Array | undefined {
  let s = text(x);
  if (s === undefined) return undefined;
  // binascii discards characters outside the alphabet (non-validating mode)
  if (urlsafe) s = s.replace(/-/g, '+').replace(/_/g, '/');
  s = s.replace(/[^A-Za-z0-9+/]/g, '');
  if (s.length * 0.75 > MAX_DECODED) return undefined;
  const out = new Uint8Array(Math.floor((s.length * 3) / 4));
  let bits = 0;
  let acc = 0;
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    const v = c >= 65 && c <= 90 ? c - 65 : c >= 97 && c <= 122 ? c - 71 : c >= 48 && c <= 57 ? c + 4 : c === 43 ? 62 : 63;
    acc = (acc << 6) | v;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[n++] = (acc >> bits) & 0xff;
    }
  }
  return out.subarray(0, n);
}

function fromHex(x: unknown): Uint8Array | undefined {
  const s = text(x)?.replace(/\s/g, '');
  if (s === undefined || s.length % 2 !== 0 || !/^[0-9a-fA-F]*$/.test(s) || s.length / 2 > MAX_DECODED) return undefined;
  const out = new Uint8Array(s.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(s.slice(2 * i, 2 * i + 2), 16);
  return out;
}

/** zlib.decompress, stopped at MAX_DECODED. */
function fromZlib(x: unknown): Uint8Array | undefined {
  const data = bytesOf(x);
  if (data === undefined) return undefined;
  const parts: Uint8Array[] = [];
  let total = 0;
  let tooBig = false;
  const z = new Unzlib((chunk) => {
    total += chunk.length;
    if (total > MAX_DECODED) tooBig = true;
    else parts.push(chunk);
  });
  try {
    for (let i = 0; i < data.length && !tooBig; i += 65536) z.push(data.subarray(i, i + 65536), i + 65536 >= data.length);
  } catch {
    return undefined;
  }
  return tooBig ? undefined : concatBytes(parts);
}

function rot13(x: unknown): ComputedStr | undefined {
  const s = text(x);
  if (s === undefined) return undefined;
  return new ComputedStr(
    s.replace(/[a-zA-Z]/g, (ch) => {
      const base = ch <= 'Z' ? 65 : 97;
      return String.fromCharCode(((ch.charCodeAt(0) - base + 13) % 26) + base);
    }),
    'rot13',
  );
}

function encodeText(x: unknown, encoding: unknown): Uint8Array | undefined {
  const s = text(x);
  const enc = text(encoding)?.toLowerCase().replace(/[-_ ]/g, '') ?? 'utf8';
  if (s === undefined) return undefined;
  if (['latin1', 'iso88591', 'l1', 'latin'].includes(enc)) {
    if (/[^\x00-\xff]/.test(s)) return undefined;
    return Uint8Array.from(s, (ch) => ch.charCodeAt(0));
  }
  if (enc === 'utf8' || enc === 'ascii') return new TextEncoder().encode(s);
  return undefined;
}

/** codecs.decode / codecs.encode with a bytes-to-bytes or str-to-str codec. */
function codec(x: unknown, encoding: unknown): Uint8Array | ComputedStr | undefined {
  const enc = text(encoding)?.toLowerCase().replace(/[-\s]/g, '_');
  switch (enc) {
    case 'base64': case 'base64_codec': case 'base_64': return fromBase64(x);
    case 'zlib': case 'zlib_codec': case 'zip': return fromZlib(x);
    case 'hex': case 'hex_codec': return fromHex(x);
    case 'rot13': case 'rot_13': return rot13(x);
    default: return undefined;
  }
}

const MODELS: ReadonlyMap<string, Model> = new Map<string, Model>([
  ['base64.b64decode', (a) => fromBase64(a[0])],
  ['base64.standard_b64decode', (a) => fromBase64(a[0])],
  ['base64.decodebytes', (a) => fromBase64(a[0])],
  ['base64.decodestring', (a) => fromBase64(a[0])],
  ['base64.urlsafe_b64decode', (a) => fromBase64(a[0], true)],
  ['binascii.a2b_base64', (a) => fromBase64(a[0])],
  ['binascii.unhexlify', (a) => fromHex(a[0])],
  ['binascii.a2b_hex', (a) => fromHex(a[0])],
  ['builtins.bytes.fromhex', (a) => fromHex(a[0])],
  ['zlib.decompress', (a) => fromZlib(a[0])],
  ['codecs.decode', (a) => codec(a[0], a[1])],
  ['_codecs.decode', (a) => codec(a[0], a[1])],
  ['codecs.encode', (a) => (/^rot_?13$/i.test(text(a[1]) ?? '') ? rot13(a[0]) : encodeText(a[0], a[1]))],
  ['_codecs.encode', (a) => encodeText(a[0], a[1])],
  ['builtins.bytes', (a) => (a.length === 1 && a[0] instanceof Uint8Array ? a[0] : a.length === 2 ? encodeText(a[0], a[1]) : undefined)],
  ['builtins.bytearray', (a) => (a.length === 1 && a[0] instanceof Uint8Array ? a[0] : a.length === 2 ? encodeText(a[0], a[1]) : undefined)],
]);

/** Whether the audit evaluates calls of this global (so their bytes arguments are looked into). */
export function isModelled(qualname: string): boolean {
  return MODELS.has(qualname);
}

/** What Python would compute for `qualname(*args)`, when the audit models that function and the arguments allow. */
export function modelCall(qualname: string, args: readonly unknown[]): Uint8Array | ComputedStr | undefined {
  return MODELS.get(qualname)?.(args);
}

/** A str argument, literal or computed. */
export function strArg(x: unknown): string | undefined {
  return typeof x === 'string' ? x : x instanceof ComputedStr ? x.value : undefined;
}
