/** python-fixtures/memmap/manifest.json (gen_memmap.py says what each field holds). */
import type { IndexSpec } from '../../src/node/index.js';
import { fixture, readJSON } from '../helpers.js';

export interface SliceCase {
  spec: IndexSpec[];
  ok: boolean;
  shape?: number[];
  bytes?: string;
  pyjson?: unknown;
  class?: string;
  message?: string;
}

export interface ArrayCase {
  file: string;
  dtype_str: string;
  shape: number[];
  fortran_order: boolean;
  slices: SliceCase[];
  takes: { indices: number[]; ok: boolean; shape?: number[]; bytes?: string; class?: string; message?: string }[];
}

export interface MemmapManifest {
  arrays: ArrayCase[];
  /** Writes numpy made on a mode 'c' map, then each row m[i] it read (base64, the file's byte order). */
  cow: { file: string; row1_before: string; writes: { spec: number[]; values: number[] }[]; rows: string[] }[];
  modes: { file: string; mode: string; outcome: { ok: boolean; type?: string; mode?: string; class?: string; message?: string }; size_after: number }[];
  open_memmap: { file: string; dtype: string | [string, string][]; shape: number[]; fortran_order: boolean; size: number; sha256: string; header: string }[];
  npz: { file: string; members: Record<string, { shape: number[]; dtype_str: string; sha256: string }> };
}

export const memmapManifest = (): MemmapManifest => readJSON<MemmapManifest>(fixture('memmap', 'manifest.json'));
export const memmapPath = (file: string): string => fixture('memmap', file);
