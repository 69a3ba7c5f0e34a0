/**
 * The zip limits of `load` (maxZipEntries, maxMemberBytes, maxArchiveBytes),
 * each at its exact boundary and one past it, over archives numpy wrote
 * (python-fixtures/npz: savez_compressed-many.npz holds 50 members of 134
 * bytes each; zip64-1tib.npz declares one member of 2^40 bytes). No archive
 * of our own is needed: these files reach every boundary.
 */
import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ArrayTooLargeError, load, loadSync, NpyioArgumentError, NpzFile, ZipFormatError, type LoadOptions } from '../../src/node/index.js';
import { fixture, thrown } from '../helpers.js';

const MANY = join(fixture('npz'), 'savez_compressed-many.npz');
const TIB = join(fixture('npz'), 'zip64-1tib.npz');
const MEMBERS = 50;
const MEMBER_BYTES = 134;

function open(path: string, opts: LoadOptions): NpzFile {
  const npz = loadSync(path, opts);
  expect(npz).to.be.instanceOf(NpzFile);
  return npz as NpzFile;
}

/** Every member read, in order: the archive's total inflated bytes. */
function readAll(npz: NpzFile): number {
  let total = 0;
  for (const k of npz.files) total += npz.member(k).bytes.length;
  return total;
}

async function thrownAsync(f: () => Promise<unknown>): Promise<Error> {
  try {
    await f();
  } catch (e) {
    return e as Error;
  }
  throw new Error('expected an error, none was thrown');
}

describe('npz limits', () => {
  describe('maxZipEntries', () => {
    it('an archive of exactly that many entries opens; one entry more is a BadZipFile naming count, limit and option', () => {
      expect(open(MANY, { maxZipEntries: MEMBERS }).length).to.equal(MEMBERS);
      const err = thrown(() => loadSync(MANY, { maxZipEntries: MEMBERS - 1 }));
      expect(err).to.be.instanceOf(ZipFormatError);
      expect(err.pythonType).to.equal('BadZipFile');
      expect(err.message).to.equal(`Too many entries: the central directory holds ${MEMBERS}, over the limit of ${MEMBERS - 1} (option maxZipEntries)`);
    });

    it('is checked by the async open too', async () => {
      const blob = new Blob([readFileSync(MANY)]);
      expect(((await load(blob, { maxZipEntries: MEMBERS })) as NpzFile).length).to.equal(MEMBERS);
      const err = await thrownAsync(() => load(blob, { maxZipEntries: MEMBERS - 1 }));
      expect(err).to.be.instanceOf(ZipFormatError);
      expect(err.message).to.match(/holds 50, over the limit of 49 \(option maxZipEntries\)$/);
    });
  });

  describe('maxMemberBytes', () => {
    it('a member of exactly that size reads; one byte less of limit is an ArrayTooLargeError naming the member', () => {
      expect(open(MANY, { maxMemberBytes: MEMBER_BYTES }).member('arr_0').bytes.length).to.equal(MEMBER_BYTES);
      const npz = open(MANY, { maxMemberBytes: MEMBER_BYTES - 1 });
      const err = thrown(() => npz.get('arr_0'));
      expect(err).to.be.instanceOf(ArrayTooLargeError);
      expect(err.member).to.equal('arr_0.npy');
      expect(err.message).to.equal(`File 'arr_0.npy' declares ${MEMBER_BYTES} uncompressed bytes, over the limit of ${MEMBER_BYTES - 1} (option maxMemberBytes)`);
    });

    it('goes by the declared size, before reading: a member declaring 2^40 bytes', () => {
      // maxArchiveBytes (64 GiB by default) would refuse 2^40 bytes first: lifted here.
      // At the boundary the member passes the limit and meets the overlap check.
      const atLimit = thrown(() => open(TIB, { maxMemberBytes: 2 ** 40, maxArchiveBytes: Infinity }).get('a'));
      expect(atLimit).to.be.instanceOf(ZipFormatError);
      expect(atLimit.message).to.match(/^Overlapped entries/);
      const past = thrown(() => open(TIB, { maxMemberBytes: 2 ** 40 - 1, maxArchiveBytes: Infinity }).get('a'));
      expect(past).to.be.instanceOf(ArrayTooLargeError);
      expect(past.message).to.equal(`File 'a.npy' declares ${2 ** 40} uncompressed bytes, over the limit of ${2 ** 40 - 1} (option maxMemberBytes)`);
    });

    it('is checked by getAsync too', async () => {
      const npz = (await load(new Blob([readFileSync(MANY)]), { maxMemberBytes: MEMBER_BYTES - 1 })) as NpzFile;
      const err = await thrownAsync(() => npz.getAsync('arr_3'));
      expect(err).to.be.instanceOf(ArrayTooLargeError);
      expect(err.message).to.match(/^File 'arr_3.npy' declares 134 uncompressed bytes/);
    });
  });

  describe('maxArchiveBytes', () => {
    it('defaults to 64 GiB: a member declaring 2^40 bytes is refused before reading', () => {
      const err = thrown(() => open(TIB, {}).get('a'));
      expect(err).to.be.instanceOf(ArrayTooLargeError);
      expect(err.message).to.match(new RegExp(`to ${2 ** 40}, over the limit of ${64 * 2 ** 30} \\(option maxArchiveBytes\\)$`));
    });

    it('reading every member adds up to exactly the limit; one byte less fails on the last member, naming archive, total and option', () => {
      expect(readAll(open(MANY, { maxArchiveBytes: MEMBERS * MEMBER_BYTES }))).to.equal(MEMBERS * MEMBER_BYTES);
      const npz = open(MANY, { maxArchiveBytes: MEMBERS * MEMBER_BYTES - 1 });
      for (const k of npz.files.slice(0, -1)) npz.get(k);
      const err = thrown(() => npz.get(`arr_${MEMBERS - 1}`));
      expect(err).to.be.instanceOf(ArrayTooLargeError);
      expect(err.member).to.equal(`arr_${MEMBERS - 1}.npy`);
      expect(err.message).to.equal(
        `NpzFile '${MANY}': reading 'arr_49.npy' (134 bytes) would bring the bytes inflated from the archive to ${MEMBERS * MEMBER_BYTES}, ` +
          `over the limit of ${MEMBERS * MEMBER_BYTES - 1} (option maxArchiveBytes)`,
      );
    });

    it('counts getAsync reads, and a refused read counts nothing', async () => {
      const npz = (await load(new Blob([readFileSync(MANY)]), { maxArchiveBytes: 2 * MEMBER_BYTES })) as NpzFile;
      await npz.getAsync('arr_0');
      await npz.getAsync('arr_0');
      const err = await thrownAsync(() => npz.getAsync('arr_1'));
      expect(err).to.be.instanceOf(ArrayTooLargeError);
      expect(err.message).to.match(/to 402, over the limit of 268 \(option maxArchiveBytes\)$/);
      expect(() => npz.get('arr_1')).to.throw(ArrayTooLargeError);
    });
  });

  it('maxArchiveBytes: a read that fails (numpy\'s broken-bad-crc.npz) gives its bytes back', async () => {
    const path = join(fixture('npz'), 'broken-bad-crc.npz');
    const npz = open(path, { maxArchiveBytes: 152 + 208 });
    for (let i = 0; i < 3; i++) expect(thrown(() => npz.get('b')).message).to.equal("Bad CRC-32 for file 'b.npy'");
    expect(npz.member('arr_0').bytes.length).to.equal(208);
    const asyncNpz = (await load(new Blob([readFileSync(path)]), { maxArchiveBytes: 152 })) as NpzFile;
    for (let i = 0; i < 2; i++) expect((await thrownAsync(() => asyncNpz.getAsync('b'))).message).to.equal("Bad CRC-32 for file 'b.npy'");
  });

  it('maxArchiveBytes: concurrent getAsync calls are charged before they read, so only one of two fits', async () => {
    const npz = (await load(new Blob([readFileSync(MANY)]), { maxArchiveBytes: MEMBER_BYTES })) as NpzFile;
    const results = await Promise.allSettled([npz.getAsync('arr_0'), npz.getAsync('arr_1')]);
    expect(results.map((r) => r.status)).to.deep.equal(['fulfilled', 'rejected']);
    expect((results[1] as PromiseRejectedResult).reason).to.be.instanceOf(ArrayTooLargeError);
  });

  it('option values that are not numbers >= 0 are refused', () => {
    for (const key of ['maxZipEntries', 'maxMemberBytes', 'maxArchiveBytes'] as const) {
      const err = thrown(() => loadSync(MANY, { [key]: -1 }));
      expect(err).to.be.instanceOf(NpyioArgumentError);
      expect(err.message).to.equal(`${key} must be a number >= 0, not -1`);
    }
  });
});
