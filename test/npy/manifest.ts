/** The numpy-written .npy fixtures and what numpy said about each (python-fixtures/gen_npy.py). */
import { fixture, readJSON } from '../helpers.js';

export interface ManifestEntry {
  file: string;
  about: string;
  version: [number, number];
  header_len: number;
  data_offset: number;
  header: string;
  descr: unknown;
  dtype_str: string;
  itemsize: number;
  kind: string;
  byteorder: string;
  names: string[] | null;
  fields: Record<string, { dtype_str: string; offset: number; title: string | null }> | null;
  subdtype: { base: string; shape: number[] } | null;
  shape: number[];
  fortran_order: boolean;
  size: number;
  nbytes: number;
  data_sha256: string;
  tolist: unknown;
  item_strs: string[] | null;
  repr: string | null;
  str: string | null;
  pyjson: unknown;
  loads_with_defaults: boolean;
}

export function manifest(): ManifestEntry[] {
  return readJSON<ManifestEntry[]>(fixture('npy', 'manifest.json'));
}

export function npyPath(e: ManifestEntry): string {
  return fixture('npy', e.file);
}
