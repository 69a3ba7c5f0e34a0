/**
 * Readers are written once as plans: generators that yield the byte ranges
 * they need and receive the bytes. A plan runs unchanged over an in-memory
 * buffer, a sync file descriptor or an async file handle, so the sync and
 * async loaders cannot drift apart (and the core never touches `node:`).
 */

export interface ReadRequest {
  offset: number;
  /** Always within the source: a plan clamps against `SourceInfo.size` itself. */
  length: number;
}

export interface SourceInfo {
  /** Total bytes in the source. */
  readonly size: number;
  /** 'file' for a path (numpy reads it with fromfile), 'stream' for bytes in memory. */
  readonly kind: 'file' | 'stream';
  /** True when every read returns a fresh buffer the plan may modify (swap in place). */
  readonly freshBuffers: boolean;
  /** The source as numpy's messages name it: a path's repr, or a description of the bytes. */
  readonly name?: string;
  /** The largest buffer the runtime can allocate and view, when known. */
  readonly maxBufferBytes?: number;
}

export type ReadPlan<T> = Generator<ReadRequest, T, Uint8Array>;

// A failed read (an allocation too large for the runtime, an I/O error) is
// thrown into the plan, so the plan decides how to report it.

export function runPlanSync<T>(plan: ReadPlan<T>, read: (offset: number, length: number) => Uint8Array): T {
  let step = plan.next();
  while (!step.done) {
    let bytes: Uint8Array;
    try {
      bytes = read(step.value.offset, step.value.length);
    } catch (e) {
      step = plan.throw(e);
      continue;
    }
    step = plan.next(bytes);
  }
  return step.value;
}

export async function runPlan<T>(plan: ReadPlan<T>, read: (offset: number, length: number) => Promise<Uint8Array>): Promise<T> {
  let step = plan.next();
  while (!step.done) {
    let bytes: Uint8Array;
    try {
      bytes = await read(step.value.offset, step.value.length);
    } catch (e) {
      step = plan.throw(e);
      continue;
    }
    step = plan.next(bytes);
  }
  return step.value;
}

/** What a plan is told about `size` bytes in memory. */
export function bytesInfo(size: number): SourceInfo {
  return { size, kind: 'stream', freshBuffers: false, name: `<${size} bytes in memory>` };
}

/** A plan over bytes in memory: reads are zero-copy subarrays. */
export function runPlanOnBytes<T>(make: (info: SourceInfo) => ReadPlan<T>, bytes: Uint8Array): T {
  return runPlanSync(make(bytesInfo(bytes.length)), (o, n) => bytes.subarray(o, o + n));
}
