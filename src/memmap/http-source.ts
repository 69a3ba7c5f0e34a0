/**
 * An http(s) URL as a RangeSource: every read is one `Range: bytes=a-b`
 * request through the global `fetch` (or one given in the options).
 *
 * The rules, all in `checkResponse`:
 *
 * | answer                           | meaning                                   |
 * |----------------------------------|-------------------------------------------|
 * | 206 with `Content-Range a-b/N`   | the bytes asked for; N is the size        |
 * | 206 with another range or none   | SourceError: the server got it wrong      |
 * | 200                              | SourceError: the server ignores `Range`;  |
 * |                                  | the body is aborted, never downloaded     |
 * | 416 with `bytes * /N` (first)    | an empty file (N = 0)                     |
 * | anything else (404, 500, ...)    | SourceError with the status               |
 *
 * The size comes from the first request's `Content-Range`; that request
 * asks for the first 16 KiB, kept to serve the .npy header without a second
 * round trip. Cross-origin servers must expose `Content-Range`
 * (Access-Control-Expose-Headers) for a browser to see it.
 *
 * Browser-safe.
 */
import { SourceError } from '../errors.js';
import { checkLength, type RangeSource } from './range-source.js';

export interface HttpSourceOptions {
  /** Default: the global fetch. */
  fetch?: typeof fetch;
  /** Extra request headers (authorization, ...). */
  headers?: Record<string, string>;
}

/** Bytes asked for by the first request, and kept. */
const FIRST_READ = 16 * 1024;

const CONTENT_RANGE = /^\s*bytes\s+(\d+)-(\d+)\s*\/\s*(\d+|\*)\s*$/i;
const UNSATISFIED_RANGE = /^\s*bytes\s+\*\s*\/\s*(\d+)\s*$/i;

function fail(url: string, message: string, offset?: number): SourceError {
  return new SourceError(`${url}: ${message}`, offset === undefined ? { pythonType: 'OSError' } : { pythonType: 'OSError', offset });
}

/** Drop a body we will not read: the connection is closed, not drained. */
function discard(res: Response, abort: AbortController): void {
  abort.abort();
  res.body?.cancel().catch(() => undefined);
}

interface Ranged {
  /** The body's bytes. */
  bytes: Uint8Array;
  /** The resource's size, from Content-Range. */
  size: number;
}

/**
 * Every HTTP status rule: the answer to `Range: bytes=offset-(offset+length-1)`.
 * `first` allows a shorter range (the file is smaller than asked) and 416 for an empty file.
 */
async function checkResponse(res: Response, abort: AbortController, url: string, offset: number, length: number, first: boolean): Promise<Ranged> {
  if (res.status === 200) {
    discard(res, abort);
    throw fail(url, `the server ignored the Range request (200 instead of 206 Partial Content): it would send the whole file, so npyio refused it`, offset);
  }
  if (res.status === 416 && first) {
    const m = UNSATISFIED_RANGE.exec(res.headers.get('content-range') ?? '');
    discard(res, abort);
    if (m && Number(m[1]) === 0) return { bytes: new Uint8Array(0), size: 0 };
    throw fail(url, `HTTP 416 Range Not Satisfiable for bytes ${offset}-${offset + length - 1}`, offset);
  }
  if (res.status !== 206) {
    discard(res, abort);
    throw fail(url, `HTTP ${res.status}${res.statusText ? ` ${res.statusText}` : ''}`, offset);
  }
  const header = res.headers.get('content-range');
  const m = header === null ? null : CONTENT_RANGE.exec(header);
  if (m === null || m[3] === '*') {
    discard(res, abort);
    throw fail(url, header === null ? 'a 206 answer without Content-Range (is it exposed to this origin?)' : `unusable Content-Range ${JSON.stringify(header)}`, offset);
  }
  const [a, b, size] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const wantEnd = first ? Math.min(offset + length, size) - 1 : offset + length - 1;
  if (a !== offset || b !== wantEnd || b >= size) {
    discard(res, abort);
    throw fail(url, `asked for bytes ${offset}-${offset + length - 1}, the server answered Content-Range ${JSON.stringify(header)}`, offset);
  }
  const bytes = new Uint8Array(await res.arrayBuffer());
  if (bytes.length !== b - a + 1) {
    throw fail(url, `Content-Range ${JSON.stringify(header)} announced ${b - a + 1} bytes, the body held ${bytes.length}`, offset);
  }
  return { bytes, size };
}

async function rangeRequest(
  url: string, doFetch: typeof fetch, headers: Record<string, string>, offset: number, length: number, first: boolean,
): Promise<Ranged> {
  const abort = new AbortController();
  const res = await doFetch(url, {
    headers: { ...headers, Range: `bytes=${offset}-${offset + length - 1}`, 'Accept-Encoding': 'identity' },
    signal: abort.signal,
  });
  return checkResponse(res, abort, url, offset, length, first);
}

/** Opens `url` with one ranged request (its first 16 KiB), which also gives the size. */
export async function httpSource(url: string | URL, opts: HttpSourceOptions = {}): Promise<RangeSource> {
  const href = String(url);
  const protocol = new URL(href).protocol;
  if (protocol !== 'http:' && protocol !== 'https:') throw fail(href, `only http(s) URLs are read with range requests, not ${protocol}`);
  const doFetch = opts.fetch ?? globalThis.fetch;
  const headers = opts.headers ?? {};
  const head = await rangeRequest(href, doFetch, headers, 0, FIRST_READ, true);
  const src: RangeSource = {
    size: head.size,
    name: href,
    read: async (offset, length) => {
      if (length === 0) return new Uint8Array(0);
      if (offset + length <= head.bytes.length) return head.bytes.slice(offset, offset + length);
      return checkLength(src, (await rangeRequest(href, doFetch, headers, offset, length, false)).bytes, offset, length);
    },
  };
  return src;
}

export function isHttpUrl(x: unknown): x is URL | string {
  const s = x instanceof URL ? x.href : typeof x === 'string' ? x : null;
  return s !== null && /^https?:\/\//i.test(s);
}
