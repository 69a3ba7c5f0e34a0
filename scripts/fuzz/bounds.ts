/** The fuzzer's bounds on one input: the 2 s, and 10x the input's size plus 64 MB of memory. */
export const TIME_LIMIT_MS = 2000;

export function memoryBound(inputBytes: number): number {
  return 10 * inputBytes + 64 * 2 ** 20;
}

/** Live JS heap plus ArrayBuffer memory, the two a parser can blow up. */
export function memoryNow(): number {
  const m = process.memoryUsage();
  return m.heapUsed + m.arrayBuffers;
}
