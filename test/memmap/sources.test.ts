/**
 * Remote and in-browser sources: an HTTP server on 127.0.0.1 started here
 * (with Range support, without it, and answering wrongly) and Blobs, serving
 * memory-mapped reads and lazy .npz members.
 */
import { expect } from 'chai';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readFileSync } from 'node:fs';
import {
  blobSource, httpSource, load, loadRange, MemmapArray, NpzFile, SourceError, type NdArray,
} from '../../src/node/index.js';
import { load as browserLoad } from '../../src/index.js';
import { sha256 } from '../helpers.js';
import { memmapManifest, memmapPath } from './manifest.js';

interface Traffic {
  requests: number;
  bodyBytes: number;
  /** Whether a response was sent in full. */
  finished: boolean[];
}

const RANGE = /^bytes=(\d+)-(\d+)$/;
/** What the Range-ignoring route sends when nothing stops it. */
const IGNORED_BODY = 64 << 20;

function serve(traffic: Traffic): Server {
  return createServer((req, res) => {
    traffic.requests++;
    const [, route, file] = (req.url ?? '').split('/');
    const send = (status: number, headers: Record<string, string | number>, body: Uint8Array = new Uint8Array(0)): void => {
      res.writeHead(status, { 'Content-Length': body.length, ...headers });
      traffic.bodyBytes += body.length;
      res.end(body);
    };
    if (route === 'missing') return send(404, {});
    const bytes = route === 'empty' ? new Uint8Array(0) : new Uint8Array(readFileSync(memmapPath(file!)));
    if (route === 'ignore') {
      // A server without Range support: the whole body, as long as the client reads it.
      res.writeHead(200, { 'Content-Length': IGNORED_BODY });
      const chunk = new Uint8Array(1 << 16);
      let sent = 0;
      const pump = (): void => {
        while (sent < IGNORED_BODY) {
          sent += chunk.length;
          traffic.bodyBytes += chunk.length;
          if (!res.write(chunk)) return void res.once('drain', pump);
        }
        res.end();
      };
      res.on('close', () => traffic.finished.push(res.writableFinished));
      return pump();
    }
    const m = RANGE.exec(req.headers.range ?? '');
    if (m === null) return send(200, {}, bytes);
    const start = Number(m[1]);
    if (start >= bytes.length) return send(416, { 'Content-Range': `bytes */${bytes.length}` });
    const end = Math.min(Number(m[2]), bytes.length - 1);
    const body = bytes.subarray(start, end + 1);
    if (route === 'no-content-range') return send(206, {}, body);
    if (route === 'bad-range') return send(206, { 'Content-Range': `bytes ${start + 1}-${end + 1}/${bytes.length}` }, body);
    send(206, { 'Content-Range': `bytes ${start}-${end}/${bytes.length}` }, body);
  });
}

async function rejection(p: Promise<unknown>): Promise<Error & { pythonType?: string }> {
  try {
    await p;
  } catch (e) {
    return e as Error;
  }
  throw new Error('expected a rejection');
}

describe('HTTP range and Blob sources', () => {
  const m = memmapManifest();
  const traffic: Traffic = { requests: 0, bodyBytes: 0, finished: [] };
  let server: Server;
  let base: string;
  before(async () => {
    server = serve(traffic);
    await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  after(() => new Promise<void>((ok) => server.close(() => ok())));
  beforeEach(() => Object.assign(traffic, { requests: 0, bodyBytes: 0, finished: [] }));

  it('maps an .npy over HTTP: every fixture slice is numpy\'s, read with range requests', async () => {
    for (const a of m.arrays) {
      const mm = await load(new URL(`${base}/ok/${a.file}`), { mmapMode: 'r' });
      expect(mm).to.be.instanceOf(MemmapArray);
      for (const c of a.slices.filter((s) => s.ok)) {
        const got = await (mm as MemmapArray).sliceAsync(...c.spec);
        expect(Buffer.from(got.tobytes()).toString('base64'), `${a.file} ${JSON.stringify(c.spec)}`).to.equal(c.bytes);
      }
    }
  });

  it('reads only the rows asked for: one request for a block of rows, one for a column', async () => {
    const mm = (await load(new URL(`${base}/ok/f4-rows.npy`), { mmapMode: 'r' })) as MemmapArray;
    const afterOpen = { ...traffic };
    // The first 16 KiB came with the size: rows inside them need no request.
    expect((await mm.sliceAsync(3, '0:4')).toArray()).to.deep.equal([96, 97, 98, 99]);
    expect(traffic.requests).to.equal(afterOpen.requests);
    const rows = await mm.sliceAsync('150:160');
    expect(rows.get(9, 31)).to.equal(159 * 32 + 31);
    expect([traffic.requests - afterOpen.requests, traffic.bodyBytes - afterOpen.bodyBytes]).to.deep.equal([1, 10 * 32 * 4]);
    // Column 3 of every row: small gaps are read through, one request.
    const col = await mm.sliceAsync(':', 3);
    expect(col.get(199)).to.equal(199 * 32 + 3);
    expect(traffic.requests - afterOpen.requests).to.equal(2);
    const big = (await load(new URL(`${base}/ok/f8-f-4d.npy`), { mmapMode: 'r' })) as MemmapArray;
    expect(big.order).to.equal('F');
    expect((await big.sliceAsync(1, 2, 3, 4)).item()).to.equal(119);
  });

  it('loads a whole .npy over HTTP without mmapMode, and through the browser entry from a URL string', async () => {
    const path = memmapPath('f8-c-3d.npy');
    const a = (await load(new URL(`${base}/ok/f8-c-3d.npy`))) as NdArray;
    const b = (await browserLoad(`${base}/ok/f8-c-3d.npy`)) as NdArray;
    const data = readFileSync(path);
    expect(sha256(a.tobytes())).to.equal(sha256(data.subarray(data.length - 960)));
    expect(sha256(b.tobytes())).to.equal(sha256(a.tobytes()));
  });

  it('opens one member of a remote .npz reading only the end records, the directory and that member', async () => {
    const size = readFileSync(memmapPath(m.npz.file)).length;
    const npz = (await load(new URL(`${base}/ok/${m.npz.file}`))) as NpzFile;
    expect(npz).to.be.instanceOf(NpzFile);
    expect(npz.files).to.deep.equal(Object.keys(m.npz.members));
    const got = (await npz.getAsync('m1')) as NdArray;
    expect(sha256(got.tobytes())).to.equal(m.npz.members['m1']!.sha256);
    // First 16 KiB (with the size), the last 64 KiB + 22 (end record, directory), one 100 KiB member.
    const member = 12800 * 8 + 128;
    expect(traffic.bodyBytes).to.be.at.most(16384 + 65557 + member + 200);
    expect(traffic.bodyBytes).to.be.lessThan(size * 0.65);
    const e = (() => {
      try {
        npz.get('m2');
      } catch (err) {
        return err as Error;
      }
      return null;
    })();
    expect(e?.message).to.match(/read asynchronously: use getAsync/);
    npz.close();
  });

  it('refuses a server that ignores Range without downloading the body', async () => {
    const e = await rejection(load(new URL(`${base}/ignore/u1-1d.npy`), { mmapMode: 'r' }));
    expect(e).to.be.instanceOf(SourceError);
    expect(e.message).to.contain(`${base}/ignore/u1-1d.npy`);
    expect(e.message).to.match(/ignored the Range request/);
    await new Promise((ok) => setTimeout(ok, 50));
    expect(traffic.finished).to.deep.equal([false]);
    expect(traffic.bodyBytes).to.be.lessThan(IGNORED_BODY / 4);
  });

  it('reports 404, a wrong Content-Range and a missing one as SourceErrors naming the URL', async () => {
    const e404 = await rejection(httpSource(`${base}/missing/x.npy`));
    expect(e404).to.be.instanceOf(SourceError);
    expect(e404.message).to.equal(`${base}/missing/x.npy: HTTP 404 Not Found`);
    const bad = await rejection(httpSource(`${base}/bad-range/u1-1d.npy`));
    expect(bad.message).to.match(/asked for bytes 0-16383, the server answered Content-Range "bytes 1-328\/328"/);
    const none = await rejection(httpSource(`${base}/no-content-range/u1-1d.npy`));
    expect(none.message).to.match(/a 206 answer without Content-Range/);
  });

  it('treats a 416 for an empty file as size 0: np.load\'s EOFError', async () => {
    const src = await httpSource(`${base}/empty/x`);
    expect(src.size).to.equal(0);
    const e = await rejection(loadRange(src));
    expect([e.pythonType, e.message]).to.deep.equal(['EOFError', 'No data left in file']);
  });

  it('reads from a Blob: a memory map, a lazy .npz member, and the browser entry', async () => {
    const npyBlob = new Blob([readFileSync(memmapPath('i2-f-2d.npy'))]);
    const mm = (await browserLoad(npyBlob, { mmapMode: 'r' })) as MemmapArray;
    const whole = (await load(npyBlob)) as NdArray;
    expect((await mm.readAsync()).toArray()).to.deep.equal(whole.toArray());
    const npz = (await load(new Blob([readFileSync(memmapPath(m.npz.file))]))) as NpzFile;
    expect(sha256(((await npz.getAsync('m2')) as NdArray).tobytes())).to.equal(m.npz.members['m2']!.sha256);
    const file = new File([readFileSync(memmapPath('u1-1d.npy'))], 'rows.npy');
    expect(blobSource(file).name).to.equal("'rows.npy'");
  });
});
