/**
 * np.savez / np.savez_compressed: each array becomes a member `name.npy`
 * holding exactly the bytes np.save writes, in a zip laid out as numpy's
 * zipfile writes it (zip-write.ts). Positional arrays are `arr_0`, `arr_1`...;
 * named ones keep their name (`x.npy` becomes `x.npy.npy`, as in numpy).
 */
import { NpyioArgumentError } from '../errors.js';
import type { NdArray } from '../ndarray.js';
import { npyParts, type NpySaveOptions } from '../npy/write.js';
import { zipParts } from './zip-write.js';

export type SavezArrays = readonly NdArray[] | Readonly<Record<string, NdArray>> | ReadonlyMap<string, NdArray>;

/** numpy's member name for a key: a NUL ends it (zipfile's rule), then '.npy' is appended. */
export function memberName(key: string): string {
  const nul = key.indexOf('\0');
  return nul >= 0 ? key.slice(0, nul) : `${key}.npy`;
}

function namedArrays(arrays: SavezArrays): [string, NdArray][] {
  if (Array.isArray(arrays)) return (arrays as readonly NdArray[]).map((a, i) => [`arr_${i}`, a]);
  if (arrays instanceof Map) return [...arrays];
  return Object.entries(arrays as Record<string, NdArray>);
}

/** The archive's bytes as parts (member data stays views on the arrays). */
export function savezParts(arrays: SavezArrays, compress: boolean, opts: NpySaveOptions = {}): Uint8Array[] {
  const seen = new Set<string>();
  const members = namedArrays(arrays).map(([key, array]) => {
    const name = memberName(key);
    if (seen.has(name)) throw new NpyioArgumentError(`two arrays would be stored as member ${JSON.stringify(name)}`, { pythonType: 'ValueError' });
    seen.add(name);
    return { name, data: npyParts(array, opts), compress };
  });
  return zipParts(members);
}
