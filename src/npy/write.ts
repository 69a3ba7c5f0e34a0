/**
 * Writing a .npy exactly as `np.save` does: the header of header.ts, then
 * the data in the order `fortran_order` names, in the dtype's byte order.
 */
import { NdArray, contiguousStrides } from '../ndarray.js';
import { writeHeader, type WriteHeaderOptions } from './header.js';
import { concatBytes } from '../io/concat.js';

export type NpySaveOptions = WriteHeaderOptions;

/**
 * numpy's rule: fortran_order is True only for an array that is F-contiguous
 * and not C-contiguous; everything else (views included) is written in C order.
 */
export function isFortranOnly(a: NdArray): boolean {
  if (a.order !== 'F' || a.ndim < 2 || !a.isContiguous) return false;
  const c = contiguousStrides(a.shape, a.itemsize, 'C');
  const cContiguous = a.size <= 1 || a.shape.every((d, i) => d === 1 || c[i] === a.strides[i]);
  return !cContiguous;
}

/** The file as two parts: header bytes and data bytes (the data may be a view on the array). */
export function npyParts(array: NdArray, opts: NpySaveOptions = {}): [Uint8Array, Uint8Array] {
  const fortran = isFortranOnly(array);
  const header = writeHeader(array.dtype, array.shape, fortran, opts);
  return [header, array.storedBytes(fortran ? 'F' : 'C')];
}

/** The whole .npy file in one buffer. */
export function npyBytes(array: NdArray, opts: NpySaveOptions = {}): Uint8Array {
  return concatBytes(npyParts(array, opts));
}
