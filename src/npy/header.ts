/**
 * The .npy header, read and written as numpy's `format` module does.
 *
 * Layout:
 *   6 bytes   magic `\x93NUMPY`
 *   2 bytes   major, minor version: (1,0), (2,0) or (3,0)
 *   2|4 bytes header length, little-endian: u16 for 1.0, u32 for 2.0 and 3.0
 *   N bytes   header text: a Python dict literal
 *             {'descr': <dtype.str or dtype.descr>, 'fortran_order': <bool>, 'shape': <tuple>, }
 *             latin1 for 1.0 and 2.0, UTF-8 for 3.0; numpy pads it with spaces
 *             and a final '\n' so the data starts on a multiple of 64 bytes
 *   data      the items in C order (or Fortran order when fortran_order)
 *
 * Reading accepts whatever numpy's `ast.literal_eval` accepts (pyliteral.ts),
 * with numpy's Python 2 fallback and checks in numpy's order and words.
 */
import { DTypeError, NpyFormatError, NpyioError } from '../errors.js';
import { DType } from '../dtype/dtype.js';
import { utf8Error } from '../io/utf8.js';
import { descrRepr, descrToDType } from '../dtype/descr.js';
import { parsePyLiteral, PyDict, PyLiteralSyntaxError, PyTuple, type PyLit } from './pyliteral.js';
import { pyRepr } from './pyrepr.js';

export const MAGIC = Uint8Array.of(0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59); // \x93NUMPY
export const MAGIC_LEN = 8; // magic and version together, as numpy reads them
/** numpy pads headers so data starts on this boundary: what lets mmap and typed-array views work. */
export const ARRAY_ALIGN = 64;
/** Spare header room numpy leaves so the growth axis can be rewritten in place. */
const GROWTH_AXIS_MAX_DIGITS = 21;
/** numpy's default `max_header_size`: literal parsing costs grow with the text. */
export const MAX_HEADER_SIZE = 10000;

export type Version = 1 | 2 | 3;

/** Per version: width of the length field and the header text's encoding (numpy's `_header_size_info`). */
const VERSIONS: Record<Version, { lenBytes: 2 | 4; encoding: 'latin1' | 'utf8' }> = {
  1: { lenBytes: 2, encoding: 'latin1' },
  2: { lenBytes: 4, encoding: 'latin1' },
  3: { lenBytes: 4, encoding: 'utf8' },
};

export interface NpyHeader {
  /** Format version as [major, minor]. */
  version: readonly [number, number];
  dtype: DType;
  shape: number[];
  fortranOrder: boolean;
  /** 'F' when fortranOrder, else 'C': the layout of the data. */
  order: 'C' | 'F';
  /** Byte length of the header text (the value of the length field). */
  headerLength: number;
  /** Where the array data starts. */
  dataOffset: number;
  /** Bytes of data the header declares: size * itemsize. */
  dataLength: number;
  /** The header text as stored (padding included). */
  text: string;
}

export interface HeaderOptions {
  /** numpy's `max_header_size`: longer headers are refused (characters, padding included). */
  maxHeaderSize?: number;
  /** As numpy, `allowPickle` lifts the header size limit. */
  allowPickle?: boolean;
  /** Called with numpy's UserWarning texts (the Python 2 header fallback). */
  onWarning?: (message: string) => void;
}

export function eofError(what: string, expected: number, got: number, offset: number): NpyFormatError {
  return new NpyFormatError(`EOF: reading ${what}, expected ${expected} bytes got ${got}`, { offset });
}

/** Checks the 8 bytes of magic and version; returns the major version. */
export function readMagic(b: Uint8Array): Version {
  if (b.length < MAGIC_LEN) throw eofError('magic string', MAGIC_LEN, b.length, 0);
  for (let i = 0; i < MAGIC.length; i++) {
    if (b[i] !== MAGIC[i]) {
      throw new NpyFormatError(`the magic string is not correct; expected b'\\x93NUMPY', got ${pyRepr(b.slice(0, 6))}`, { offset: i });
    }
  }
  const major = b[6]!;
  const minor = b[7]!;
  if (minor !== 0 || !(major in VERSIONS)) {
    throw new NpyFormatError(`we only support format version (1,0), (2,0), and (3,0), not (${major}, ${minor})`, { offset: 6 });
  }
  return major as Version;
}

/** Bytes before the header text: magic, version and the length field. */
export function preambleLength(version: Version): number {
  return MAGIC_LEN + VERSIONS[version].lenBytes;
}

/** The header length field, from the bytes after the magic. */
export function readHeaderLength(b: Uint8Array, version: Version): number {
  const { lenBytes } = VERSIONS[version];
  if (b.length < lenBytes) throw eofError('array header length', lenBytes, b.length, MAGIC_LEN);
  return lenBytes === 2 ? b[0]! | (b[1]! << 8) : (b[0]! | (b[1]! << 8) | (b[2]! << 16)) + b[3]! * 0x1000000;
}

/**
 * Parses the header text bytes (exactly `length` of them) and checks it as
 * numpy's `_read_array_header` does, in its order and words.
 */
export function parseHeader(textBytes: Uint8Array, version: Version, opts: HeaderOptions = {}): NpyHeader {
  const pre = preambleLength(version);
  const { text, chars } = decodeHeaderText(textBytes, version, pre);
  const limit = opts.allowPickle ? Infinity : (opts.maxHeaderSize ?? MAX_HEADER_SIZE);
  if (chars > limit) {
    throw new NpyFormatError(
      `Header info length (${chars}) is large and may not be safe to load securely.\n` +
        'To allow loading, adjust `max_header_size` or fully trust the `.npy` file using `allow_pickle=True`.\n' +
        'For safety against large resource use or crashes, sandboxing may be necessary.',
      { offset: pre },
    );
  }

  const d = parseLiteral(text, version, pre, opts);
  if (!(d instanceof PyDict)) throw new NpyFormatError(`Header is not a dictionary: ${pyRepr(d)}`, { offset: pre });
  const keys = d.entries.map(([k]) => k);
  const expected = ['descr', 'fortran_order', 'shape'];
  if (keys.length !== 3 || !expected.every((k) => keys.includes(k))) {
    const sorted = [...keys].sort((a, b) => (pyRepr(a) < pyRepr(b) ? -1 : 1));
    throw new NpyFormatError(`Header does not contain the correct keys: ${pyRepr(sorted)}`, { offset: pre });
  }
  const get = (key: string): PyLit => d.entries.find(([k]) => k === key)![1];

  const shapeLit = get('shape');
  if (!(shapeLit instanceof PyTuple) || !shapeLit.items.every((x) => typeof x === 'bigint' || typeof x === 'boolean')) {
    throw new NpyFormatError(`shape is not valid: ${pyRepr(shapeLit)}`, { offset: pre });
  }
  const fortran = get('fortran_order');
  if (typeof fortran !== 'boolean') {
    throw new NpyFormatError(`fortran_order is not a valid bool: ${pyRepr(fortran)}`, { offset: pre });
  }
  const descr = get('descr');
  let dtype: DType;
  try {
    dtype = descrToDType(descr);
  } catch (e) {
    if (e instanceof DTypeError && e.pythonType === 'TypeError') {
      throw new DTypeError(`descr is not a valid dtype descriptor: ${pyRepr(descr)}`, { cause: e, offset: pre });
    }
    throw e;
  }
  if (dtype.subdtype !== null) {
    // numpy reads such a file as items of the base type and then fails to fit them to the shape.
    throw new NpyFormatError(`a top-level subarray descr ${pyRepr(descr)} cannot be read: numpy fails on it too`, { offset: pre });
  }

  const shape: number[] = [];
  let count = 1n;
  for (const x of shapeLit.items) {
    if (typeof x === 'boolean') throw new NpyFormatError('an integer is required', { pythonType: 'TypeError', offset: pre });
    if (x < 0n) throw new NpyFormatError('negative dimensions are not allowed', { offset: pre });
    if (x > 0x7fffffffffffffffn) throw new NpyFormatError('Python int too large to convert to C long', { pythonType: 'OverflowError', offset: pre });
    shape.push(Number(x));
    count *= x;
  }
  const nbytes = count * BigInt(dtype.itemsize);
  if (count > 0x7fffffffffffffffn || nbytes > 0x7fffffffffffffffn) {
    throw new NpyFormatError(
      'array is too big; `arr.size * arr.dtype.itemsize` is larger than the maximum possible size.',
      { offset: pre },
    );
  }
  if (nbytes > BigInt(Number.MAX_SAFE_INTEGER)) {
    throw new NpyFormatError(`array of ${nbytes} bytes is larger than any byte offset JavaScript can address`, { offset: pre });
  }
  return {
    version: [version, 0],
    dtype,
    shape,
    fortranOrder: fortran,
    order: fortran ? 'F' : 'C',
    headerLength: textBytes.length,
    dataOffset: pre + textBytes.length,
    dataLength: Number(nbytes),
    text,
  };
}

function parseLiteral(text: string, version: Version, offset: number, opts: HeaderOptions): PyLit {
  const cannotParse = (cause: unknown) =>
    new NpyFormatError(`Cannot parse header: ${pyRepr(text)}`, { cause, offset });
  try {
    return parsePyLiteral(text);
  } catch (e) {
    if (!(e instanceof PyLiteralSyntaxError)) throw wrapLiteralError(e, offset);
    if (version === 3) throw cannotParse(e);
    let d: PyLit;
    try {
      // Python 2 wrote longs as `3L`: numpy retries with those suffixes dropped.
      d = parsePyLiteral(text, { dropLongSuffix: true });
    } catch (e2) {
      // numpy runs Python's tokenizer outside its try: a TokenError (unclosed bracket) escapes bare.
      if (e2 instanceof PyLiteralSyntaxError && e2.pythonType === 'TokenError') {
        throw new NpyFormatError(e2.message, { pythonType: 'TokenError', cause: e2, offset });
      }
      if (e2 instanceof PyLiteralSyntaxError) throw cannotParse(e2);
      throw wrapLiteralError(e2, offset);
    }
    opts.onWarning?.(
      'Reading `.npy` or `.npz` file required additional header parsing as it was created on Python 2. ' +
        'Save the file again to speed up loading and avoid this warning.',
    );
    return d;
  }
}

function wrapLiteralError(e: unknown, offset: number): NpyioError {
  if (e instanceof NpyioError) return new NpyFormatError(e.message, { cause: e, pythonType: e.pythonType, offset });
  return new NpyFormatError(`Cannot parse header: ${String(e)}`, { cause: e, offset });
}

/** The header text and its length in Python characters (code points). */
function decodeHeaderText(b: Uint8Array, version: Version, offset: number): { text: string; chars: number } {
  if (VERSIONS[version].encoding === 'latin1') {
    // TextDecoder('latin1') is windows-1252; ISO-8859-1 maps each byte to its code point.
    let text = '';
    for (let i = 0; i < b.length; i += 8192) text += String.fromCharCode(...b.subarray(i, i + 8192));
    return { text, chars: b.length };
  }
  const bad = utf8Error(b);
  if (bad !== null) {
    throw new NpyFormatError(
      `'utf-8' codec can't decode byte 0x${b[bad.start]!.toString(16).padStart(2, '0')} in position ${bad.start}: ${bad.reason}`,
      { pythonType: 'UnicodeDecodeError', offset: offset + bad.start },
    );
  }
  const text = new TextDecoder('utf-8').decode(b);
  let chars = 0;
  for (const x of b) if ((x & 0xc0) !== 0x80) chars++;
  return { text, chars };
}

// ---- writing ----

export interface WriteHeaderOptions {
  /** Force a format version; default: the lowest that fits, as numpy chooses. */
  version?: readonly [number, number];
  onWarning?: (message: string) => void;
}

/**
 * The header bytes numpy writes for this dtype, shape and order: keys sorted,
 * values as Python's repr, growth padding, then spaces and '\n' up to a
 * multiple of 64 (a header already aligned gets 64 more, never 0).
 */
export function writeHeader(dtype: DType, shape: readonly number[], fortranOrder: boolean, opts: WriteHeaderOptions = {}): Uint8Array {
  let text = `{'descr': ${descrRepr(dtype)}, 'fortran_order': ${fortranOrder ? 'True' : 'False'}, 'shape': (${shape.join(', ')}${shape.length === 1 ? ',' : ''}), }`;
  if (shape.length > 0) {
    const growth = shape[fortranOrder ? shape.length - 1 : 0]!;
    text += ' '.repeat(Math.max(0, GROWTH_AXIS_MAX_DIGITS - String(growth).length));
  }
  if (opts.version) {
    const [major, minor] = opts.version;
    if (minor !== 0 || !(major! in VERSIONS)) {
      throw new NpyFormatError(`we only support format version (1,0), (2,0), and (3,0), not (${major}, ${minor})`);
    }
    return wrapHeader(text, major as Version);
  }
  const isLatin1 = !/[^\u0000-\u00ff]/.test(text);
  if (isLatin1) {
    const v1 = wrapHeader(text, 1, true);
    if (v1) return v1;
    opts.onWarning?.('Stored array in format 2.0. It can only beread by NumPy >= 1.9');
    return wrapHeader(text, 2);
  }
  opts.onWarning?.('Stored array in format 3.0. It can only be read by NumPy >= 1.17');
  return wrapHeader(text, 3);
}

function wrapHeader(text: string, version: Version, soft: true): Uint8Array | null;
function wrapHeader(text: string, version: Version): Uint8Array;
function wrapHeader(text: string, version: Version, soft = false): Uint8Array | null {
  const { lenBytes, encoding } = VERSIONS[version];
  let body: Uint8Array;
  if (encoding === 'utf8') body = new TextEncoder().encode(text);
  else {
    body = new Uint8Array(text.length);
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c > 0xff) {
        throw new NpyFormatError(`'latin-1' codec can't encode character '\\u${c.toString(16).padStart(4, '0')}' in position ${i}: ordinal not in range(256)`, { pythonType: 'UnicodeEncodeError' });
      }
      body[i] = c;
    }
  }
  const hlen = body.length + 1;
  const pad = ARRAY_ALIGN - ((MAGIC_LEN + lenBytes + hlen) % ARRAY_ALIGN);
  const total = hlen + pad;
  if (lenBytes === 2 && total > 0xffff) {
    if (soft) return null;
    throw new NpyFormatError(`Header length ${hlen} too big for version=(${version}, 0)`);
  }
  if (total > 0xffffffff) throw new NpyFormatError(`Header length ${hlen} too big for version=(${version}, 0)`);
  const out = new Uint8Array(MAGIC_LEN + lenBytes + total);
  out.set(MAGIC, 0);
  out[6] = version;
  out[7] = 0;
  const dv = new DataView(out.buffer);
  if (lenBytes === 2) dv.setUint16(MAGIC_LEN, total, true);
  else dv.setUint32(MAGIC_LEN, total, true);
  out.set(body, MAGIC_LEN + lenBytes);
  out.fill(0x20, MAGIC_LEN + lenBytes + body.length, out.length - 1);
  out[out.length - 1] = 0x0a;
  return out;
}
