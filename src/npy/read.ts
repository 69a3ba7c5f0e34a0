/**
 * Reading a .npy: header, checks, then the data as one typed array.
 *
 * Sizes declared by the header are compared with the bytes present before
 * anything is allocated (numpy allocates first and can fail with a MemoryError
 * on a 200-byte file). Data is a zero-copy view when it lies native and aligned
 * in the caller's bytes; from a file it is read into a fresh buffer at offset
 * 0, so it is always aligned, and swapped there in place when not native.
 */
import { ArrayTooLargeError, NpyFormatError, PickleDisallowedError } from '../errors.js';
import { typedFromBytes } from '../dtype/storage.js';
import { NdArray } from '../ndarray.js';
import type { ReadPlan, SourceInfo } from '../io/plan.js';
import type { LoadsOptions } from '../pickle/loads.js';
import { unpickleNpyObjects } from '../pickle/numpy-load.js';
import {
  eofError, MAGIC_LEN, parseHeader, preambleLength, readHeaderLength, readMagic,
  type HeaderOptions, type NpyHeader,
} from './header.js';

export interface NpyReadOptions extends HeaderOptions, LoadsOptions {
  allowPickle?: boolean;
  /**
   * The largest array to read into one buffer, in bytes. Default: the largest
   * typed array the runtime allows (Node: buffer.constants.MAX_LENGTH), else
   * whatever allocation succeeds. Larger arrays get ArrayTooLargeError.
   */
  maxArrayBytes?: number;
}

/** Header only: magic, version, length and the parsed, checked header. */
export function* headerPlan(info: SourceInfo, opts: NpyReadOptions = {}): ReadPlan<NpyHeader> {
  const magic = yield { offset: 0, length: Math.min(MAGIC_LEN, info.size) };
  const version = readMagic(magic);
  const pre = preambleLength(version);
  const lenField = yield { offset: MAGIC_LEN, length: Math.min(pre - MAGIC_LEN, info.size - MAGIC_LEN) };
  const headerLength = readHeaderLength(lenField, version);
  const available = Math.max(0, Math.min(headerLength, info.size - pre));
  const text = yield { offset: pre, length: available };
  if (text.length < headerLength) throw eofError('array header', headerLength, text.length, pre);
  return parseHeader(text, version, opts);
}

/** The whole array (with `allowPickle`, whatever the pickle of an object array holds). */
export function* npyPlan(info: SourceInfo, opts: NpyReadOptions = {}): ReadPlan<NdArray | unknown> {
  const header = yield* headerPlan(info, opts);
  return yield* dataPlan(info, header, opts);
}

export function* dataPlan(info: SourceInfo, header: NpyHeader, opts: NpyReadOptions = {}): ReadPlan<NdArray | unknown> {
  const { dtype, shape, dataOffset, dataLength } = header;
  const available = Math.max(0, info.size - dataOffset);
  if (dtype.hasObject) {
    if (!opts.allowPickle) {
      throw new PickleDisallowedError('Object arrays cannot be loaded when allow_pickle=False', { offset: dataOffset });
    }
    // numpy returns whatever the pickle holds; the header's shape and order are not used.
    const pickle = yield { offset: dataOffset, length: available };
    return unpickleNpyObjects(pickle, opts, dataOffset);
  }
  if (available < dataLength) throw truncated(header, available, info.kind);
  const limit = opts.maxArrayBytes ?? info.maxBufferBytes ?? Infinity;
  if (dataLength > limit) throw tooLarge(header, undefined, limit);
  let data: Uint8Array;
  try {
    data = dataLength === 0 ? new Uint8Array(0) : yield { offset: dataOffset, length: dataLength };
    const count = dataLength === 0 ? sizeOf(shape) : dataLength / dtype.itemsize;
    return new NdArray({
      dtype,
      shape,
      order: header.fortranOrder ? 'F' : 'C',
      data: typedFromBytes(data, dtype, dtype.itemsize === 0 ? 0 : count, info.freshBuffers),
    });
  } catch (e) {
    if (e instanceof RangeError) throw tooLarge(header, e);
    throw e;
  }
}

function sizeOf(shape: readonly number[]): number {
  return shape.reduce((a, b) => a * b, 1);
}

function tooLarge(header: NpyHeader, cause: unknown, limit?: number): ArrayTooLargeError {
  const shape = `(${header.shape.join(', ')}${header.shape.length === 1 ? ',' : ''})`;
  return new ArrayTooLargeError(
    `array of ${header.dataLength} bytes (${header.dtype.str}, shape ${shape}) is larger than ` +
      (limit === undefined ? 'this runtime can hold in one buffer' : `the ${limit}-byte limit for one buffer`) +
      '; open it with mmapMode to read it in parts',
    { offset: header.dataOffset, pythonType: 'MemoryError', cause },
  );
}

/** numpy's messages for short data: a real file is read by fromfile, anything else in chunks. */
function truncated(header: NpyHeader, available: number, kind: SourceInfo['kind']): NpyFormatError {
  if (kind === 'stream') return eofError('array data', header.dataLength, available, header.dataOffset);
  const count = sizeOf(header.shape);
  const got = header.dtype.itemsize === 0 ? 0 : Math.floor(available / header.dtype.itemsize);
  const shape = `(${header.shape.join(', ')}${header.shape.length === 1 ? ',' : ''})`;
  return new NpyFormatError(
    `Failed to read all data for array. Expected ${shape} = ${count} elements, could only read ${got} elements. ` +
      '(file seems not fully written?)',
    { offset: header.dataOffset + available },
  );
}
