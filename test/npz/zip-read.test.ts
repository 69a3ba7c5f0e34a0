/**
 * The zip reader against archives made by CPython's zipfile, and against
 * what CPython does with them (and with broken copies of them).
 *
 * CASES was made once by a Python 3.11.7 script: each archive was written
 * with zipfile (np.savez's way: `zf.open(name, 'w', force_zip64=True)`;
 * `writestr`; an unseekable stream for data descriptors; `ZIP64_LIMIT`
 * lowered to 64 for zip64 records and extras), some then patched byte by
 * byte (the `about` says how), and each opened with
 * `zipfile.ZipFile(io.BytesIO(z))` and every member read with
 * `zf.open(name).read()`. `cpython` records the ZipInfo fields and the sha256
 * of each member, or the exception (type and message).
 */
import { concatBytes } from '../../src/io/concat.js';
import { expect } from 'chai';
import * as zlib from 'node:zlib';
import { ArrayTooLargeError, NpyioError } from '../../src/errors.js';
import { bytesSource, type ByteSource } from '../../src/io/source.js';
import { crc32 } from '../../src/npz/crc32.js';
import {
  fflateInflater, getInflater, inflateChunked, MAX_DEFLATE_RATIO, nodeZlibInflater, setInflater, type Inflater,
} from '../../src/npz/inflate.js';
import { decodeCp437, readCentralDirectory, readMember, ZipFormatError, type ZipEntry } from '../../src/npz/zip-read.js';
import { existsSync, readFileSync } from 'node:fs';
import { fixture, readJSON, seededRandom, sha256, thrown } from '../helpers.js';

interface PyError { type: string; message: string }
interface PyMember {
  name: string; origName: string; flags: number; method: number; crc32: number;
  compressedSize: number; uncompressedSize: number; localHeaderOffset: number;
  sha256?: string; length?: number; error?: PyError;
}
interface Case { about: string; b64: string; cpython: { open?: PyError; members?: PyMember[] } }

// prettier-ignore
const CASES: Record<string, Case> =
{
 "stored": {"about": "np.savez style: stored, force_zip64 local headers", "b64": "UEsDBC0AAAAAAAAAIQC8kVWO//////////8FABQAYS5ucHkBABAAmAAAAAAAAACYAAAAAAAAAJNOVU1QWQEAdgB7J2Rlc2NyJzogJzxpOCcsICdmb3J0cmFuX29yZGVyJzogRmFsc2UsICdzaGFwZSc6ICgzLCksIH0gICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAKAQAAAAAAAAACAAAAAAAAAAMAAAAAAAAAUEsDBC0AAAAAAAAAIQCfWO5J//////////8FABQAYi5ucHkBABAACgAAAAAAAAAKAAAAAAAAAG5vdCBhbiBucHlQSwMELQAAAAAAAAAhAAAAAAD//////////wkAFABlbXB0eS5ucHkBABAAAAAAAAAAAAAAAAAAAAAAAFBLAQItAy0AAAAAAAAAIQC8kVWOmAAAAJgAAAAFAAAAAAAAAAAAAACAAQAAAABhLm5weVBLAQItAy0AAAAAAAAAIQCfWO5JCgAAAAoAAAAFAAAAAAAAAAAAAACAAc8AAABiLm5weVBLAQItAy0AAAAAAAAAIQAAAAAAAAAAAAAAAAAJAAAAAAAAAAAAAACAARABAABlbXB0eS5ucHlQSwUGAAAAAAMAAwCdAAAASwEAAAAA", "cpython": {"members": [{"name": "a.npy", "origName": "a.npy", "flags": 0, "method": 0, "crc32": 2387972540, "compressedSize": 152, "uncompressedSize": 152, "localHeaderOffset": 0, "sha256": "f9903acaeea88e7642e9820968f19d2c30dabf7aeb913e939bc23dc2f27be854", "length": 152}, {"name": "b.npy", "origName": "b.npy", "flags": 0, "method": 0, "crc32": 1240357023, "compressedSize": 10, "uncompressedSize": 10, "localHeaderOffset": 207, "sha256": "acd229c5ff13799e9e1dba015f2124a9a6ce24a4919470987b7aeb1e3b536cfb", "length": 10}, {"name": "empty.npy", "origName": "empty.npy", "flags": 0, "method": 0, "crc32": 0, "compressedSize": 0, "uncompressedSize": 0, "localHeaderOffset": 272, "sha256": "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", "length": 0}]}},
 "deflated": {"about": "np.savez_compressed style: deflate, force_zip64 local headers", "b64": "UEsDBC0AAAAIAAAAIQC8kVWO//////////8FABQAYS5ucHkBABAAmAAAAAAAAABNAAAAAAAAAJvsF+obEMnIUMZQrZ6SWpxcpG6loG6TaaGuo6Cell9UUpSYF59flJIKEndLzClOBYoXZyQWpAL5GsY6mjoKtQoUAC5GBghggtLMUBoAUEsDBC0AAAAIAAAAIQDKaSFI//////////8HABQAYmlnLm5weQEAEAAgTgAAAAAAAEoAAAAAAAAA7cfJAcAQAACwlZS6xkHZf4SO4ZP8Ep6Y3lxq62Oub5/g7u7u7u7u7u7u7u7u7u7u7u7u7u7u7u7u7u7u7u7u7u7u7u7u7u5X/gNQSwMELQAAAAgAAAAhAGhqWCL//////////wgAFAByYW5kLmJpbgEAEABYAgAAAAAAAF0CAAAAAAAAAVgCp/33x3AdARfp8fDOlQirsRUZxFo8BAf8yQRYpZ97nXYmFy62HdgDgHzh9z8QqorpdxGZrBaDlAtF044QpU172VpEP6fuM3Tgh6oE8YISAVUktXmoYCoNE5Z/KROONyQG71jFHPSHJKtOdApqRqnOCi1FJ0z02CfH1XYKkGLDWX5XldF3eQvI7nje0ZjhK3C7x4TQcEtGH8cvam/EHvCHGtTXfGDR0ahBpDFYG7Ozz/YolOjxRPgn2df7uFLLyXK4EhRlNgzlSc0JOIHUFsru8LP/UU7xdRCVQdsSsG3zMxllMbTi43WAPNHMXO7bNIPjs2ss85U0TQ/QWognf+jF84x4VSMhDJ8q7CXXixG2UysAq6wPoxbCyiXqNwpuZLxTNfjSrGHv3+r1R4mh601sUa+T2CbWiBfDQkdpZtuQRoYds2BGNky31pZlDVng1XA7xn0qYU4AEnplTG3XrtN6L2ageihIl16nmVg0K4T/7ZF1zat5qAfNy7l3qcwaBl34y3kQ6iPj5+WWVPpZwMD+Skyur5VUkPLzS5AxgtC/RxKIsZo0VoJV6VJ1RBXChpaVjB7SPkFfI94HZQmq/Qv5Naon/VCEWm/og+gR2ML1TkKyfOiUOFmBFafpzwSulVTckDopen+v8Kzz/SPgiJ+eESWI8tY+sCrpgcGBsMZk2tZTIbX/j5CInJnYcgpfEe5ew9etaOILmpwSUDqfzTJY8PCFsMRhln76DQdyzhTUS23tVyV8rcGmPbH7ywfdvFuXX2osE6MENsYy1f2anoy7JID4IazpQaa+DPBQSwMELQAAAAgAAAAhAAAAAAD//////////wkAFABlbXB0eS5ucHkBABAAAAAAAAAAAAACAAAAAAAAAAMAUEsBAi0DLQAAAAgAAAAhALyRVY5NAAAAmAAAAAUAAAAAAAAAAAAAAIABAAAAAGEubnB5UEsBAi0DLQAAAAgAAAAhAMppIUhKAAAAIE4AAAcAAAAAAAAAAAAAAIABhAAAAGJpZy5ucHlQSwECLQMtAAAACAAAACEAaGpYIl0CAABYAgAACAAAAAAAAAAAAAAAgAEHAQAAcmFuZC5iaW5QSwECLQMtAAAACAAAACEAAAAAAAIAAAAAAAAACQAAAAAAAAAAAAAAgAGeAwAAZW1wdHkubnB5UEsFBgAAAAAEAAQA1QAAANsDAAAAAA==", "cpython": {"members": [{"name": "a.npy", "origName": "a.npy", "flags": 0, "method": 8, "crc32": 2387972540, "compressedSize": 77, "uncompressedSize": 152, "localHeaderOffset": 0, "sha256": "f9903acaeea88e7642e9820968f19d2c30dabf7aeb913e939bc23dc2f27be854", "length": 152}, {"name": "big.npy", "origName": "big.npy", "flags": 0, "method": 8, "crc32": 1210149322, "compressedSize": 74, "uncompressedSize": 20000, "localHeaderOffset": 132, "sha256": "1f330cfa6e2fb183f6e39d5f9d17476802b6cfeb6f09b4017be202acb8f5fe45", "length": 20000}, {"name": "rand.bin", "origName": "rand.bin", "flags": 0, "method": 8, "crc32": 576219752, "compressedSize": 605, "uncompressedSize": 600, "localHeaderOffset": 263, "sha256": "61e810d850326fa53e7684a0c13cb218ac41e7fa2dd1bce5ccbb2f1eba2d6307", "length": 600}, {"name": "empty.npy", "origName": "empty.npy", "flags": 0, "method": 8, "crc32": 0, "compressedSize": 2, "uncompressedSize": 0, "localHeaderOffset": 926, "sha256": "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", "length": 0}]}},
 "writestr": {"about": "ZipFile.writestr, deflate, no zip64", "b64": "UEsDBBQAAAAIAI4Mdl28kVWOTQAAAJgAAAAFAAAAeC5ucHmb7BfqGxDJyFDGUK2eklqcXKRupaBuk2mhrqOgnpZfVFKUmBefX5SSChJ3S8wpTgWKF2ckFqQC+RrGOpo6CrUKFAAuRgYIYILSzFAaAFBLAwQUAAAACACODHZdwUhCWQwAAAAsAQAABQAAAHkudHh0y0jNyclXyBgliSABUEsBAhQDFAAAAAgAjgx2XbyRVY5NAAAAmAAAAAUAAAAAAAAAAAAAAIABAAAAAHgubnB5UEsBAhQDFAAAAAgAjgx2XcFIQlkMAAAALAEAAAUAAAAAAAAAAAAAAIABcAAAAHkudHh0UEsFBgAAAAACAAIAZgAAAJ8AAAAAAA==", "cpython": {"members": [{"name": "x.npy", "origName": "x.npy", "flags": 0, "method": 8, "crc32": 2387972540, "compressedSize": 77, "uncompressedSize": 152, "localHeaderOffset": 0, "sha256": "f9903acaeea88e7642e9820968f19d2c30dabf7aeb913e939bc23dc2f27be854", "length": 152}, {"name": "y.txt", "origName": "y.txt", "flags": 0, "method": 8, "crc32": 1497516225, "compressedSize": 12, "uncompressedSize": 300, "localHeaderOffset": 112, "sha256": "608e160e5915cc98565e091c2b4e4ecae7c63d82131fa41979798817a7d94ba2", "length": 300}]}},
 "comment": {"about": "archive comment", "b64": "UEsDBC0AAAAAAAAAIQC8kVWO//////////8FABQAYS5ucHkBABAAmAAAAAAAAACYAAAAAAAAAJNOVU1QWQEAdgB7J2Rlc2NyJzogJzxpOCcsICdmb3J0cmFuX29yZGVyJzogRmFsc2UsICdzaGFwZSc6ICgzLCksIH0gICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAKAQAAAAAAAAACAAAAAAAAAAMAAAAAAAAAUEsBAi0DLQAAAAAAAAAhALyRVY6YAAAAmAAAAAUAAAAAAAAAAAAAAIABAAAAAGEubnB5UEsFBgAAAAABAAEAMwAAAM8AAAAvAGFuIGFyY2hpdmUgY29tbWVudCBQSwUgd2l0aCBhIHBhcnRpYWwgc2lnbmF0dXJl", "cpython": {"members": [{"name": "a.npy", "origName": "a.npy", "flags": 0, "method": 0, "crc32": 2387972540, "compressedSize": 152, "uncompressedSize": 152, "localHeaderOffset": 0, "sha256": "f9903acaeea88e7642e9820968f19d2c30dabf7aeb913e939bc23dc2f27be854", "length": 152}]}},
 "prefix": {"about": "data in front: offsets shift by concat", "b64": "IyEvYmluL3NoCmVjaG8gZGF0YSBpbiBmcm9udCBvZiB0aGUgemlwClBLAwQtAAAAAAAAACEAvJFVjv//////////BQAUAGEubnB5AQAQAJgAAAAAAAAAmAAAAAAAAACTTlVNUFkBAHYAeydkZXNjcic6ICc8aTgnLCAnZm9ydHJhbl9vcmRlcic6IEZhbHNlLCAnc2hhcGUnOiAoMywpLCB9ICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgCgEAAAAAAAAAAgAAAAAAAAADAAAAAAAAAFBLAwQtAAAAAAAAACEAn1juSf//////////BQAUAGIubnB5AQAQAAoAAAAAAAAACgAAAAAAAABub3QgYW4gbnB5UEsDBC0AAAAAAAAAIQAAAAAA//////////8JABQAZW1wdHkubnB5AQAQAAAAAAAAAAAAAAAAAAAAAABQSwECLQMtAAAAAAAAACEAvJFVjpgAAACYAAAABQAAAAAAAAAAAAAAgAEAAAAAYS5ucHlQSwECLQMtAAAAAAAAACEAn1juSQoAAAAKAAAABQAAAAAAAAAAAAAAgAHPAAAAYi5ucHlQSwECLQMtAAAAAAAAACEAAAAAAAAAAAAAAAAACQAAAAAAAAAAAAAAgAEQAQAAZW1wdHkubnB5UEsFBgAAAAADAAMAnQAAAEsBAAAAAA==", "cpython": {"members": [{"name": "a.npy", "origName": "a.npy", "flags": 0, "method": 0, "crc32": 2387972540, "compressedSize": 152, "uncompressedSize": 152, "localHeaderOffset": 40, "sha256": "f9903acaeea88e7642e9820968f19d2c30dabf7aeb913e939bc23dc2f27be854", "length": 152}, {"name": "b.npy", "origName": "b.npy", "flags": 0, "method": 0, "crc32": 1240357023, "compressedSize": 10, "uncompressedSize": 10, "localHeaderOffset": 247, "sha256": "acd229c5ff13799e9e1dba015f2124a9a6ce24a4919470987b7aeb1e3b536cfb", "length": 10}, {"name": "empty.npy", "origName": "empty.npy", "flags": 0, "method": 0, "crc32": 0, "compressedSize": 0, "uncompressedSize": 0, "localHeaderOffset": 312, "sha256": "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", "length": 0}]}},
 "zip64": {"about": "zip64 end record, locator and extras (ZIP64_LIMIT lowered to 64)", "b64": "UEsDBC0AAAAIAI4Mdl28kVWO//////////8FABQAYS5ucHkBABAAmAAAAAAAAABNAAAAAAAAAJvsF+obEMnIUMZQrZ6SWpxcpG6loG6TaaGuo6Cell9UUpSYF59flJIKEndLzClOBYoXZyQWpAL5GsY6mjoKtQoUAC5GBghggtLMUBoAUEsDBC0AAAAIAI4Mdl3KaSFI//////////8HABQAYmlnLm5weQEAEAAgTgAAAAAAAEoAAAAAAAAA7cfJAcAQAACwlZS6xkHZf4SO4ZP8Ep6Y3lxq62Oub5/g7u7u7u7u7u7u7u7u7u7u7u7u7u7u7u7u7u7u7u7u7u7u7u7u7u5X/gNQSwMELQAAAAgAjgx2XU6V0Vz//////////wUAFABjLm5weQEAEABkAAAAAAAAAAYAAAAAAAAAS06mPQAAUEsBAi0DLQAAAAgAjgx2XbyRVY7//////////wUAFAAAAAAAAAAAAIABAAAAAGEubnB5AQAQAJgAAAAAAAAATQAAAAAAAABQSwECLQMtAAAACACODHZdymkhSP//////////BwAcAAAAAAAAAAAAgAH/////YmlnLm5weQEAGAAgTgAAAAAAAEoAAAAAAAAAhAAAAAAAAABQSwECLQMtAAAACACODHZdTpXRXP//////////BQAcAAAAAAAAAAAAgAH/////Yy5ucHkBABgAZAAAAAAAAAAGAAAAAAAAAAcBAAAAAAAAUEsGBiwAAAAAAAAALQAtAAAAAAAAAAAAAwAAAAAAAAADAAAAAAAAAOcAAAAAAAAARAEAAAAAAABQSwYHAAAAACsCAAAAAAAAAQAAAFBLBQYAAAAAAwADAOcAAABEAQAAAAA=", "cpython": {"members": [{"name": "a.npy", "origName": "a.npy", "flags": 0, "method": 8, "crc32": 2387972540, "compressedSize": 77, "uncompressedSize": 152, "localHeaderOffset": 0, "sha256": "f9903acaeea88e7642e9820968f19d2c30dabf7aeb913e939bc23dc2f27be854", "length": 152}, {"name": "big.npy", "origName": "big.npy", "flags": 0, "method": 8, "crc32": 1210149322, "compressedSize": 74, "uncompressedSize": 20000, "localHeaderOffset": 132, "sha256": "1f330cfa6e2fb183f6e39d5f9d17476802b6cfeb6f09b4017be202acb8f5fe45", "length": 20000}, {"name": "c.npy", "origName": "c.npy", "flags": 0, "method": 8, "crc32": 1557239118, "compressedSize": 6, "uncompressedSize": 100, "localHeaderOffset": 263, "sha256": "bdcdc9e9204fe2099666b438af288629b1fa7f89797341bf7d435ce4ca2b706b", "length": 100}]}},
 "zip64-prefix": {"about": "zip64 archive with data in front", "b64": "UFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUEsDBC0AAAAIAI4Mdl28kVWO//////////8FABQAYS5ucHkBABAAmAAAAAAAAABNAAAAAAAAAJvsF+obEMnIUMZQrZ6SWpxcpG6loG6TaaGuo6Cell9UUpSYF59flJIKEndLzClOBYoXZyQWpAL5GsY6mjoKtQoUAC5GBghggtLMUBoAUEsDBC0AAAAIAI4Mdl3KaSFI//////////8HABQAYmlnLm5weQEAEAAgTgAAAAAAAEoAAAAAAAAA7cfJAcAQAACwlZS6xkHZf4SO4ZP8Ep6Y3lxq62Oub5/g7u7u7u7u7u7u7u7u7u7u7u7u7u7u7u7u7u7u7u7u7u7u7u7u7u5X/gNQSwMELQAAAAgAjgx2XU6V0Vz//////////wUAFABjLm5weQEAEABkAAAAAAAAAAYAAAAAAAAAS06mPQAAUEsBAi0DLQAAAAgAjgx2XbyRVY7//////////wUAFAAAAAAAAAAAAIABAAAAAGEubnB5AQAQAJgAAAAAAAAATQAAAAAAAABQSwECLQMtAAAACACODHZdymkhSP//////////BwAcAAAAAAAAAAAAgAH/////YmlnLm5weQEAGAAgTgAAAAAAAEoAAAAAAAAAhAAAAAAAAABQSwECLQMtAAAACACODHZdTpXRXP//////////BQAcAAAAAAAAAAAAgAH/////Yy5ucHkBABgAZAAAAAAAAAAGAAAAAAAAAAcBAAAAAAAAUEsGBiwAAAAAAAAALQAtAAAAAAAAAAAAAwAAAAAAAAADAAAAAAAAAOcAAAAAAAAARAEAAAAAAABQSwYHAAAAACsCAAAAAAAAAQAAAFBLBQYAAAAAAwADAOcAAABEAQAAAAA=", "cpython": {"members": [{"name": "a.npy", "origName": "a.npy", "flags": 0, "method": 8, "crc32": 2387972540, "compressedSize": 77, "uncompressedSize": 152, "localHeaderOffset": 333, "sha256": "f9903acaeea88e7642e9820968f19d2c30dabf7aeb913e939bc23dc2f27be854", "length": 152}, {"name": "big.npy", "origName": "big.npy", "flags": 0, "method": 8, "crc32": 1210149322, "compressedSize": 74, "uncompressedSize": 20000, "localHeaderOffset": 465, "sha256": "1f330cfa6e2fb183f6e39d5f9d17476802b6cfeb6f09b4017be202acb8f5fe45", "length": 20000}, {"name": "c.npy", "origName": "c.npy", "flags": 0, "method": 8, "crc32": 1557239118, "compressedSize": 6, "uncompressedSize": 100, "localHeaderOffset": 596, "sha256": "bdcdc9e9204fe2099666b438af288629b1fa7f89797341bf7d435ce4ca2b706b", "length": 100}]}},
 "zip64-stored": {"about": "zip64 extras, stored", "b64": "UEsDBC0AAAAAAI4Mdl28kVWO//////////8FABQAYS5ucHkBABAAmAAAAAAAAACYAAAAAAAAAJNOVU1QWQEAdgB7J2Rlc2NyJzogJzxpOCcsICdmb3J0cmFuX29yZGVyJzogRmFsc2UsICdzaGFwZSc6ICgzLCksIH0gICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAKAQAAAAAAAAACAAAAAAAAAAMAAAAAAAAAUEsDBC0AAAAAAI4Mdl3q4gFd//////////8FABQAYi5ucHkBABAAyAAAAAAAAADIAAAAAAAAAGJiYmJiYmJiYmJiYmJiYmJiYmJiYmJiYmJiYmJiYmJiYmJiYmJiYmJiYmJiYmJiYmJiYmJiYmJiYmJiYmJiYmJiYmJiYmJiYmJiYmJiYmJiYmJiYmJiYmJiYmJiYmJiYmJiYmJiYmJiYmJiYmJiYmJiYmJiYmJiYmJiYmJiYmJiYmJiYmJiYmJiYmJiYmJiYmJiYmJiYmJiYmJiYmJiYmJiYmJiYmJiYmJiYmJiYmJiYmJiYmJiYmJiYmJiYmJiYmJiYmJiYmJiUEsBAi0DLQAAAAAAjgx2XbyRVY7//////////wUAFAAAAAAAAAAAAIABAAAAAGEubnB5AQAQAJgAAAAAAAAAmAAAAAAAAABQSwECLQMtAAAAAACODHZd6uIBXf//////////BQAcAAAAAAAAAAAAgAH/////Yi5ucHkBABgAyAAAAAAAAADIAAAAAAAAAM8AAAAAAAAAUEsGBiwAAAAAAAAALQAtAAAAAAAAAAAAAgAAAAAAAAACAAAAAAAAAJYAAAAAAAAAzgEAAAAAAABQSwYHAAAAAGQCAAAAAAAAAQAAAFBLBQYAAAAAAgACAJYAAADOAQAAAAA=", "cpython": {"members": [{"name": "a.npy", "origName": "a.npy", "flags": 0, "method": 0, "crc32": 2387972540, "compressedSize": 152, "uncompressedSize": 152, "localHeaderOffset": 0, "sha256": "f9903acaeea88e7642e9820968f19d2c30dabf7aeb913e939bc23dc2f27be854", "length": 152}, {"name": "b.npy", "origName": "b.npy", "flags": 0, "method": 0, "crc32": 1560404714, "compressedSize": 200, "uncompressedSize": 200, "localHeaderOffset": 207, "sha256": "aaebc35c4c4e2cc7ac7c65812a7fa476d807b9f3fc60d478dfe098ceeb122321", "length": 200}]}},
 "descriptor": {"about": "written to an unseekable stream: data descriptors, flag 0x08", "b64": "UEsDBC0ACAAIAAAAIQAAAAAA//////////8FABQAYS5ucHkBABAAAAAAAAAAAAAAAAAAAAAAAJvsF+obEMnIUMZQrZ6SWpxcpG6loG6TaaGuo6Cell9UUpSYF59flJIKEndLzClOBYoXZyQWpAL5GsY6mjoKtQoUAC5GBghggtLMUBoAUEsHCLyRVY5NAAAAAAAAAJgAAAAAAAAAUEsDBC0ACAAIAAAAIQAAAAAA//////////8HABQAYmlnLm5weQEAEAAAAAAAAAAAAAAAAAAAAAAA7cfJAcAQAACwlZS6xkHZf4SO4ZP8Ep6Y3lxq62Oub5/g7u7u7u7u7u7u7u7u7u7u7u7u7u7u7u7u7u7u7u7u7u7u7u7u7u5X/gNQSwcIymkhSEoAAAAAAAAAIE4AAAAAAABQSwECLQMtAAgACAAAACEAvJFVjk0AAACYAAAABQAAAAAAAAAAAAAAgAEAAAAAYS5ucHlQSwECLQMtAAgACAAAACEAymkhSEoAAAAgTgAABwAAAAAAAAAAAAAAgAGcAAAAYmlnLm5weVBLBQYAAAAAAgACAGgAAAA3AQAAAAA=", "cpython": {"members": [{"name": "a.npy", "origName": "a.npy", "flags": 8, "method": 8, "crc32": 2387972540, "compressedSize": 77, "uncompressedSize": 152, "localHeaderOffset": 0, "sha256": "f9903acaeea88e7642e9820968f19d2c30dabf7aeb913e939bc23dc2f27be854", "length": 152}, {"name": "big.npy", "origName": "big.npy", "flags": 8, "method": 8, "crc32": 1210149322, "compressedSize": 74, "uncompressedSize": 20000, "localHeaderOffset": 156, "sha256": "1f330cfa6e2fb183f6e39d5f9d17476802b6cfeb6f09b4017be202acb8f5fe45", "length": 20000}]}},
 "descriptor-stored": {"about": "unseekable stream, stored", "b64": "UEsDBC0ACAAAAAAAIQAAAAAA//////////8FABQAYS5ucHkBABAAAAAAAAAAAAAAAAAAAAAAAJNOVU1QWQEAdgB7J2Rlc2NyJzogJzxpOCcsICdmb3J0cmFuX29yZGVyJzogRmFsc2UsICdzaGFwZSc6ICgzLCksIH0gICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAKAQAAAAAAAAACAAAAAAAAAAMAAAAAAAAAUEsHCLyRVY6YAAAAAAAAAJgAAAAAAAAAUEsBAi0DLQAIAAAAAAAhALyRVY6YAAAAmAAAAAUAAAAAAAAAAAAAAIABAAAAAGEubnB5UEsFBgAAAAABAAEAMwAAAOcAAAAAAA==", "cpython": {"members": [{"name": "a.npy", "origName": "a.npy", "flags": 8, "method": 0, "crc32": 2387972540, "compressedSize": 152, "uncompressedSize": 152, "localHeaderOffset": 0, "sha256": "f9903acaeea88e7642e9820968f19d2c30dabf7aeb913e939bc23dc2f27be854", "length": 152}]}},
 "empty": {"about": "no members: the 22-byte zip", "b64": "UEsFBgAAAAAAAAAAAAAAAAAAAAAAAA==", "cpython": {"members": []}},
 "duplicates": {"about": "two members named a.npy", "b64": "UEsDBC0AAAAAAAAAIQBX7nGS//////////8FABQAYS5ucHkBABAABQAAAAAAAAAFAAAAAAAAAGZpcnN0UEsDBC0AAAAAAAAAIQBpER+2//////////8FABQAYS5ucHkBABAABgAAAAAAAAAGAAAAAAAAAHNlY29uZFBLAQItAy0AAAAAAAAAIQBX7nGSBQAAAAUAAAAFAAAAAAAAAAAAAACAAQAAAABhLm5weVBLAQItAy0AAAAAAAAAIQBpER+2BgAAAAYAAAAFAAAAAAAAAAAAAACAATwAAABhLm5weVBLBQYAAAAAAgACAGYAAAB5AAAAAAA=", "cpython": {"members": [{"name": "a.npy", "origName": "a.npy", "flags": 0, "method": 0, "crc32": 2456940119, "compressedSize": 5, "uncompressedSize": 5, "localHeaderOffset": 0, "sha256": "a7937b64b8caa58f03721bb6bacf5c78cb235febe0e70b1b84cd99541461a08e", "length": 5}, {"name": "a.npy", "origName": "a.npy", "flags": 0, "method": 0, "crc32": 3055489385, "compressedSize": 6, "uncompressedSize": 6, "localHeaderOffset": 60, "sha256": "16367aacb67a4a017c8da8ab95682ccb390863780f7114dda0a0e0c55644c7c4", "length": 6}]}},
 "names": {"about": "UTF-8 name (flag 0x800), cp437 name, a name with a NUL, a directory", "b64": "UEsDBC0AAAgAAAAAIQCBO/g1//////////8JABQAY2Fmw6kubnB5AQAQAAQAAAAAAAAABAAAAAAAAAB1dGY4UEsDBC0AAAAAAAAAIQBv1zsc//////////8IABQAY2Fmgi5ucHkBABAABQAAAAAAAAAFAAAAAAAAAGNwNDM3UEsDBC0AAAAAAAAAIQD4n0Sr//////////8HABQAYQBiLm5weQEAEAADAAAAAAAAAAMAAAAAAAAAbnVsUEsDBC0AAAAAAAAAIQAAAAAA//////////8EABQAZGlyLwEAEAAAAAAAAAAAAAAAAAAAAAAAUEsDBC0AAAAAAAAAIQC8kVWO//////////8LABQAZGlyL3N1Yi5ucHkBABAAmAAAAAAAAACYAAAAAAAAAJNOVU1QWQEAdgB7J2Rlc2NyJzogJzxpOCcsICdmb3J0cmFuX29yZGVyJzogRmFsc2UsICdzaGFwZSc6ICgzLCksIH0gICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAKAQAAAAAAAAACAAAAAAAAAAMAAAAAAAAAUEsBAi0DLQAACAAAAAAhAIE7+DUEAAAABAAAAAkAAAAAAAAAAAAAAIABAAAAAGNhZsOpLm5weVBLAQItAy0AAAAAAAAAIQBv1zscBQAAAAUAAAAIAAAAAAAAAAAAAACAAT8AAABjYWaCLm5weVBLAQItAy0AAAAAAAAAIQD4n0SrAwAAAAMAAAAHAAAAAAAAAAAAAACAAX4AAABhAGIubnB5UEsBAi0DLQAAAAAAAAAhAAAAAAAAAAAAAAAAAAQAAAAAAAAAAAAAAIABugAAAGRpci9QSwECLQMtAAAAAAAAACEAvJFVjpgAAACYAAAACwAAAAAAAAAAAAAAgAHwAAAAZGlyL3N1Yi5ucHlQSwUGAAAAAAUABQANAQAAxQEAAAAA", "cpython": {"members": [{"name": "café.npy", "origName": "café.npy", "flags": 2048, "method": 0, "crc32": 905460609, "compressedSize": 4, "uncompressedSize": 4, "localHeaderOffset": 0, "sha256": "941b7ecd47e5a3d6066847def67a662f539afe44c5bdf95d962f9dc785dd96f3", "length": 4}, {"name": "café.npy", "origName": "café.npy", "flags": 0, "method": 0, "crc32": 473683823, "compressedSize": 5, "uncompressedSize": 5, "localHeaderOffset": 63, "sha256": "a230ff302a8d0e25a0fc4a07490f01bfef3797f0cc65c11f04c1ac8d555b562b", "length": 5}, {"name": "a", "origName": "a\u0000b.npy", "flags": 0, "method": 0, "crc32": 2873401336, "compressedSize": 3, "uncompressedSize": 3, "localHeaderOffset": 126, "sha256": "99e6242759016035192f8efe5f53878a355026b61b0da04e0b56942148936eb2", "length": 3}, {"name": "dir/", "origName": "dir/", "flags": 0, "method": 0, "crc32": 0, "compressedSize": 0, "uncompressedSize": 0, "localHeaderOffset": 186, "sha256": "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", "length": 0}, {"name": "dir/sub.npy", "origName": "dir/sub.npy", "flags": 0, "method": 0, "crc32": 2387972540, "compressedSize": 152, "uncompressedSize": 152, "localHeaderOffset": 240, "sha256": "f9903acaeea88e7642e9820968f19d2c30dabf7aeb913e939bc23dc2f27be854", "length": 152}]}},
 "not-zip": {"about": "no end record", "b64": "aGVsbG8sIHRoaXMgaXMgbm90IGEgemlwIGZpbGUgYXQgYWxsLCBqdXN0IHRleHQ=", "cpython": {"open": {"type": "BadZipFile", "message": "File is not a zip file"}}},
 "pk34": {"about": "four bytes", "b64": "UEsDBA==", "cpython": {"open": {"type": "BadZipFile", "message": "File is not a zip file"}}},
 "eocd-cut": {"about": "end record cut short", "b64": "UEsDBC0AAAAAAAAAIQC8kVWO//////////8FABQAYS5ucHkBABAAmAAAAAAAAACYAAAAAAAAAJNOVU1QWQEAdgB7J2Rlc2NyJzogJzxpOCcsICdmb3J0cmFuX29yZGVyJzogRmFsc2UsICdzaGFwZSc6ICgzLCksIH0gICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAKAQAAAAAAAAACAAAAAAAAAAMAAAAAAAAAUEsDBC0AAAAAAAAAIQCfWO5J//////////8FABQAYi5ucHkBABAACgAAAAAAAAAKAAAAAAAAAG5vdCBhbiBucHlQSwMELQAAAAAAAAAhAAAAAAD//////////wkAFABlbXB0eS5ucHkBABAAAAAAAAAAAAAAAAAAAAAAAFBLAQItAy0AAAAAAAAAIQC8kVWOmAAAAJgAAAAFAAAAAAAAAAAAAACAAQAAAABhLm5weVBLAQItAy0AAAAAAAAAIQCfWO5JCgAAAAoAAAAFAAAAAAAAAAAAAACAAc8AAABiLm5weVBLAQItAy0AAAAAAAAAIQAAAAAAAAAAAAAAAAAJAAAAAAAAAAAAAACAARABAABlbXB0eS5ucHlQSwUGAAAAAAMAAwCdAAAASw==", "cpython": {"open": {"type": "BadZipFile", "message": "File is not a zip file"}}},
 "bad-central-sig": {"about": "second central record signature broken", "b64": "UEsDBC0AAAAAAAAAIQC8kVWO//////////8FABQAYS5ucHkBABAAmAAAAAAAAACYAAAAAAAAAJNOVU1QWQEAdgB7J2Rlc2NyJzogJzxpOCcsICdmb3J0cmFuX29yZGVyJzogRmFsc2UsICdzaGFwZSc6ICgzLCksIH0gICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAKAQAAAAAAAAACAAAAAAAAAAMAAAAAAAAAUEsDBC0AAAAAAAAAIQCfWO5J//////////8FABQAYi5ucHkBABAACgAAAAAAAAAKAAAAAAAAAG5vdCBhbiBucHlQSwMELQAAAAAAAAAhAAAAAAD//////////wkAFABlbXB0eS5ucHkBABAAAAAAAAAAAAAAAAAAAAAAAFBLAQItAy0AAAAAAAAAIQC8kVWOmAAAAJgAAAAFAAAAAAAAAAAAAACAAQAAAABhLm5weVFLAQItAy0AAAAAAAAAIQCfWO5JCgAAAAoAAAAFAAAAAAAAAAAAAACAAc8AAABiLm5weVBLAQItAy0AAAAAAAAAIQAAAAAAAAAAAAAAAAAJAAAAAAAAAAAAAACAARABAABlbXB0eS5ucHlQSwUGAAAAAAMAAwCdAAAASwEAAAAA", "cpython": {"open": {"type": "BadZipFile", "message": "Bad magic number for central directory"}}},
 "truncated-central": {"about": "directory size claims 10 bytes of junk after the last record", "b64": "UEsDBC0AAAAAAAAAIQC8kVWO//////////8FABQAYS5ucHkBABAAmAAAAAAAAACYAAAAAAAAAJNOVU1QWQEAdgB7J2Rlc2NyJzogJzxpOCcsICdmb3J0cmFuX29yZGVyJzogRmFsc2UsICdzaGFwZSc6ICgzLCksIH0gICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAKAQAAAAAAAAACAAAAAAAAAAMAAAAAAAAAUEsDBC0AAAAAAAAAIQCfWO5J//////////8FABQAYi5ucHkBABAACgAAAAAAAAAKAAAAAAAAAG5vdCBhbiBucHlQSwMELQAAAAAAAAAhAAAAAAD//////////wkAFABlbXB0eS5ucHkBABAAAAAAAAAAAAAAAAAAAAAAAFBLAQItAy0AAAAAAAAAIQC8kVWOmAAAAJgAAAAFAAAAAAAAAAAAAACAAQAAAABhLm5weVBLAQItAy0AAAAAAAAAIQCfWO5JCgAAAAoAAAAFAAAAAAAAAAAAAACAAc8AAABiLm5weVBLAQItAy0AAAAAAAAAIQAAAAAAAAAAAAAAAAAJAAAAAAAAAAAAAACAARABAABlbXB0eS5ucHlKSkpKSkpKSkpKUEsFBgAAAAADAAMApwAAAEsBAAAAAA==", "cpython": {"open": {"type": "BadZipFile", "message": "Truncated central directory"}}},
 "bad-cd-offset": {"about": "directory larger than what precedes the end record", "b64": "UEsDBC0AAAAAAAAAIQC8kVWO//////////8FABQAYS5ucHkBABAAmAAAAAAAAACYAAAAAAAAAJNOVU1QWQEAdgB7J2Rlc2NyJzogJzxpOCcsICdmb3J0cmFuX29yZGVyJzogRmFsc2UsICdzaGFwZSc6ICgzLCksIH0gICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAKAQAAAAAAAAACAAAAAAAAAAMAAAAAAAAAUEsDBC0AAAAAAAAAIQCfWO5J//////////8FABQAYi5ucHkBABAACgAAAAAAAAAKAAAAAAAAAG5vdCBhbiBucHlQSwMELQAAAAAAAAAhAAAAAAD//////////wkAFABlbXB0eS5ucHkBABAAAAAAAAAAAAAAAAAAAAAAAFBLAQItAy0AAAAAAAAAIQC8kVWOmAAAAJgAAAAFAAAAAAAAAAAAAACAAQAAAABhLm5weVBLAQItAy0AAAAAAAAAIQCfWO5JCgAAAAoAAAAFAAAAAAAAAAAAAACAAc8AAABiLm5weVBLAQItAy0AAAAAAAAAIQAAAAAAAAAAAAAAAAAJAAAAAAAAAAAAAACAARABAABlbXB0eS5ucHlQSwUGAAAAAAMAAwBMAgAASwEAAAAA", "cpython": {"open": {"type": "BadZipFile", "message": "Bad offset for central directory"}}},
 "bad-local-sig": {"about": "first local header signature broken", "b64": "UUsDBC0AAAAAAAAAIQC8kVWO//////////8FABQAYS5ucHkBABAAmAAAAAAAAACYAAAAAAAAAJNOVU1QWQEAdgB7J2Rlc2NyJzogJzxpOCcsICdmb3J0cmFuX29yZGVyJzogRmFsc2UsICdzaGFwZSc6ICgzLCksIH0gICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAKAQAAAAAAAAACAAAAAAAAAAMAAAAAAAAAUEsDBC0AAAAAAAAAIQCfWO5J//////////8FABQAYi5ucHkBABAACgAAAAAAAAAKAAAAAAAAAG5vdCBhbiBucHlQSwMELQAAAAAAAAAhAAAAAAD//////////wkAFABlbXB0eS5ucHkBABAAAAAAAAAAAAAAAAAAAAAAAFBLAQItAy0AAAAAAAAAIQC8kVWOmAAAAJgAAAAFAAAAAAAAAAAAAACAAQAAAABhLm5weVBLAQItAy0AAAAAAAAAIQCfWO5JCgAAAAoAAAAFAAAAAAAAAAAAAACAAc8AAABiLm5weVBLAQItAy0AAAAAAAAAIQAAAAAAAAAAAAAAAAAJAAAAAAAAAAAAAACAARABAABlbXB0eS5ucHlQSwUGAAAAAAMAAwCdAAAASwEAAAAA", "cpython": {"members": [{"name": "a.npy", "origName": "a.npy", "flags": 0, "method": 0, "crc32": 2387972540, "compressedSize": 152, "uncompressedSize": 152, "localHeaderOffset": 0, "error": {"type": "BadZipFile", "message": "Bad magic number for file header"}}, {"name": "b.npy", "origName": "b.npy", "flags": 0, "method": 0, "crc32": 1240357023, "compressedSize": 10, "uncompressedSize": 10, "localHeaderOffset": 207, "sha256": "acd229c5ff13799e9e1dba015f2124a9a6ce24a4919470987b7aeb1e3b536cfb", "length": 10}, {"name": "empty.npy", "origName": "empty.npy", "flags": 0, "method": 0, "crc32": 0, "compressedSize": 0, "uncompressedSize": 0, "localHeaderOffset": 272, "sha256": "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", "length": 0}]}},
 "name-differ": {"about": "local header names z.npy, directory a.npy", "b64": "UEsDBC0AAAAAAAAAIQC8kVWO//////////8FABQAei5ucHkBABAAmAAAAAAAAACYAAAAAAAAAJNOVU1QWQEAdgB7J2Rlc2NyJzogJzxpOCcsICdmb3J0cmFuX29yZGVyJzogRmFsc2UsICdzaGFwZSc6ICgzLCksIH0gICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAKAQAAAAAAAAACAAAAAAAAAAMAAAAAAAAAUEsDBC0AAAAAAAAAIQCfWO5J//////////8FABQAYi5ucHkBABAACgAAAAAAAAAKAAAAAAAAAG5vdCBhbiBucHlQSwMELQAAAAAAAAAhAAAAAAD//////////wkAFABlbXB0eS5ucHkBABAAAAAAAAAAAAAAAAAAAAAAAFBLAQItAy0AAAAAAAAAIQC8kVWOmAAAAJgAAAAFAAAAAAAAAAAAAACAAQAAAABhLm5weVBLAQItAy0AAAAAAAAAIQCfWO5JCgAAAAoAAAAFAAAAAAAAAAAAAACAAc8AAABiLm5weVBLAQItAy0AAAAAAAAAIQAAAAAAAAAAAAAAAAAJAAAAAAAAAAAAAACAARABAABlbXB0eS5ucHlQSwUGAAAAAAMAAwCdAAAASwEAAAAA", "cpython": {"members": [{"name": "a.npy", "origName": "a.npy", "flags": 0, "method": 0, "crc32": 2387972540, "compressedSize": 152, "uncompressedSize": 152, "localHeaderOffset": 0, "error": {"type": "BadZipFile", "message": "File name in directory 'a.npy' and header b'z.npy' differ."}}, {"name": "b.npy", "origName": "b.npy", "flags": 0, "method": 0, "crc32": 1240357023, "compressedSize": 10, "uncompressedSize": 10, "localHeaderOffset": 207, "sha256": "acd229c5ff13799e9e1dba015f2124a9a6ce24a4919470987b7aeb1e3b536cfb", "length": 10}, {"name": "empty.npy", "origName": "empty.npy", "flags": 0, "method": 0, "crc32": 0, "compressedSize": 0, "uncompressedSize": 0, "localHeaderOffset": 272, "sha256": "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", "length": 0}]}},
 "encrypted": {"about": "directory sets the encrypted flag", "b64": "UEsDBC0AAAAAAAAAIQC8kVWO//////////8FABQAYS5ucHkBABAAmAAAAAAAAACYAAAAAAAAAJNOVU1QWQEAdgB7J2Rlc2NyJzogJzxpOCcsICdmb3J0cmFuX29yZGVyJzogRmFsc2UsICdzaGFwZSc6ICgzLCksIH0gICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAKAQAAAAAAAAACAAAAAAAAAAMAAAAAAAAAUEsDBC0AAAAAAAAAIQCfWO5J//////////8FABQAYi5ucHkBABAACgAAAAAAAAAKAAAAAAAAAG5vdCBhbiBucHlQSwMELQAAAAAAAAAhAAAAAAD//////////wkAFABlbXB0eS5ucHkBABAAAAAAAAAAAAAAAAAAAAAAAFBLAQItAy0AAQAAAAAAIQC8kVWOmAAAAJgAAAAFAAAAAAAAAAAAAACAAQAAAABhLm5weVBLAQItAy0AAAAAAAAAIQCfWO5JCgAAAAoAAAAFAAAAAAAAAAAAAACAAc8AAABiLm5weVBLAQItAy0AAAAAAAAAIQAAAAAAAAAAAAAAAAAJAAAAAAAAAAAAAACAARABAABlbXB0eS5ucHlQSwUGAAAAAAMAAwCdAAAASwEAAAAA", "cpython": {"members": [{"name": "a.npy", "origName": "a.npy", "flags": 1, "method": 0, "crc32": 2387972540, "compressedSize": 152, "uncompressedSize": 152, "localHeaderOffset": 0, "error": {"type": "RuntimeError", "message": "File 'a.npy' is encrypted, password required for extraction"}}, {"name": "b.npy", "origName": "b.npy", "flags": 0, "method": 0, "crc32": 1240357023, "compressedSize": 10, "uncompressedSize": 10, "localHeaderOffset": 207, "sha256": "acd229c5ff13799e9e1dba015f2124a9a6ce24a4919470987b7aeb1e3b536cfb", "length": 10}, {"name": "empty.npy", "origName": "empty.npy", "flags": 0, "method": 0, "crc32": 0, "compressedSize": 0, "uncompressedSize": 0, "localHeaderOffset": 272, "sha256": "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", "length": 0}]}},
 "patched-data": {"about": "flag bit 5", "b64": "UEsDBC0AAAAAAAAAIQC8kVWO//////////8FABQAYS5ucHkBABAAmAAAAAAAAACYAAAAAAAAAJNOVU1QWQEAdgB7J2Rlc2NyJzogJzxpOCcsICdmb3J0cmFuX29yZGVyJzogRmFsc2UsICdzaGFwZSc6ICgzLCksIH0gICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAKAQAAAAAAAAACAAAAAAAAAAMAAAAAAAAAUEsDBC0AAAAAAAAAIQCfWO5J//////////8FABQAYi5ucHkBABAACgAAAAAAAAAKAAAAAAAAAG5vdCBhbiBucHlQSwMELQAAAAAAAAAhAAAAAAD//////////wkAFABlbXB0eS5ucHkBABAAAAAAAAAAAAAAAAAAAAAAAFBLAQItAy0AIAAAAAAAIQC8kVWOmAAAAJgAAAAFAAAAAAAAAAAAAACAAQAAAABhLm5weVBLAQItAy0AAAAAAAAAIQCfWO5JCgAAAAoAAAAFAAAAAAAAAAAAAACAAc8AAABiLm5weVBLAQItAy0AAAAAAAAAIQAAAAAAAAAAAAAAAAAJAAAAAAAAAAAAAACAARABAABlbXB0eS5ucHlQSwUGAAAAAAMAAwCdAAAASwEAAAAA", "cpython": {"members": [{"name": "a.npy", "origName": "a.npy", "flags": 32, "method": 0, "crc32": 2387972540, "compressedSize": 152, "uncompressedSize": 152, "localHeaderOffset": 0, "error": {"type": "NotImplementedError", "message": "compressed patched data (flag bit 5)"}}, {"name": "b.npy", "origName": "b.npy", "flags": 0, "method": 0, "crc32": 1240357023, "compressedSize": 10, "uncompressedSize": 10, "localHeaderOffset": 207, "sha256": "acd229c5ff13799e9e1dba015f2124a9a6ce24a4919470987b7aeb1e3b536cfb", "length": 10}, {"name": "empty.npy", "origName": "empty.npy", "flags": 0, "method": 0, "crc32": 0, "compressedSize": 0, "uncompressedSize": 0, "localHeaderOffset": 272, "sha256": "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", "length": 0}]}},
 "method-99": {"about": "compression method 99", "b64": "UEsDBC0AAAAAAAAAIQC8kVWO//////////8FABQAYS5ucHkBABAAmAAAAAAAAACYAAAAAAAAAJNOVU1QWQEAdgB7J2Rlc2NyJzogJzxpOCcsICdmb3J0cmFuX29yZGVyJzogRmFsc2UsICdzaGFwZSc6ICgzLCksIH0gICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAKAQAAAAAAAAACAAAAAAAAAAMAAAAAAAAAUEsDBC0AAAAAAAAAIQCfWO5J//////////8FABQAYi5ucHkBABAACgAAAAAAAAAKAAAAAAAAAG5vdCBhbiBucHlQSwMELQAAAAAAAAAhAAAAAAD//////////wkAFABlbXB0eS5ucHkBABAAAAAAAAAAAAAAAAAAAAAAAFBLAQItAy0AAABjAAAAIQC8kVWOmAAAAJgAAAAFAAAAAAAAAAAAAACAAQAAAABhLm5weVBLAQItAy0AAAAAAAAAIQCfWO5JCgAAAAoAAAAFAAAAAAAAAAAAAACAAc8AAABiLm5weVBLAQItAy0AAAAAAAAAIQAAAAAAAAAAAAAAAAAJAAAAAAAAAAAAAACAARABAABlbXB0eS5ucHlQSwUGAAAAAAMAAwCdAAAASwEAAAAA", "cpython": {"members": [{"name": "a.npy", "origName": "a.npy", "flags": 0, "method": 99, "crc32": 2387972540, "compressedSize": 152, "uncompressedSize": 152, "localHeaderOffset": 0, "error": {"type": "NotImplementedError", "message": "That compression method is not supported"}}, {"name": "b.npy", "origName": "b.npy", "flags": 0, "method": 0, "crc32": 1240357023, "compressedSize": 10, "uncompressedSize": 10, "localHeaderOffset": 207, "sha256": "acd229c5ff13799e9e1dba015f2124a9a6ce24a4919470987b7aeb1e3b536cfb", "length": 10}, {"name": "empty.npy", "origName": "empty.npy", "flags": 0, "method": 0, "crc32": 0, "compressedSize": 0, "uncompressedSize": 0, "localHeaderOffset": 272, "sha256": "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", "length": 0}]}},
 "method-bzip2": {"about": "bzip2 in the directory, stored data (CPython fails in bz2)", "b64": "UEsDBC0AAAAAAAAAIQC8kVWO//////////8FABQAYS5ucHkBABAAmAAAAAAAAACYAAAAAAAAAJNOVU1QWQEAdgB7J2Rlc2NyJzogJzxpOCcsICdmb3J0cmFuX29yZGVyJzogRmFsc2UsICdzaGFwZSc6ICgzLCksIH0gICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAKAQAAAAAAAAACAAAAAAAAAAMAAAAAAAAAUEsDBC0AAAAAAAAAIQCfWO5J//////////8FABQAYi5ucHkBABAACgAAAAAAAAAKAAAAAAAAAG5vdCBhbiBucHlQSwMELQAAAAAAAAAhAAAAAAD//////////wkAFABlbXB0eS5ucHkBABAAAAAAAAAAAAAAAAAAAAAAAFBLAQItAy0AAAAMAAAAIQC8kVWOmAAAAJgAAAAFAAAAAAAAAAAAAACAAQAAAABhLm5weVBLAQItAy0AAAAAAAAAIQCfWO5JCgAAAAoAAAAFAAAAAAAAAAAAAACAAc8AAABiLm5weVBLAQItAy0AAAAAAAAAIQAAAAAAAAAAAAAAAAAJAAAAAAAAAAAAAACAARABAABlbXB0eS5ucHlQSwUGAAAAAAMAAwCdAAAASwEAAAAA", "cpython": {"members": [{"name": "a.npy", "origName": "a.npy", "flags": 0, "method": 12, "crc32": 2387972540, "compressedSize": 152, "uncompressedSize": 152, "localHeaderOffset": 0, "error": {"type": "OSError", "message": "Invalid data stream"}}, {"name": "b.npy", "origName": "b.npy", "flags": 0, "method": 0, "crc32": 1240357023, "compressedSize": 10, "uncompressedSize": 10, "localHeaderOffset": 207, "sha256": "acd229c5ff13799e9e1dba015f2124a9a6ce24a4919470987b7aeb1e3b536cfb", "length": 10}, {"name": "empty.npy", "origName": "empty.npy", "flags": 0, "method": 0, "crc32": 0, "compressedSize": 0, "uncompressedSize": 0, "localHeaderOffset": 272, "sha256": "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", "length": 0}]}},
 "version-64": {"about": "needs version 6.4 to extract", "b64": "UEsDBC0AAAAAAAAAIQC8kVWO//////////8FABQAYS5ucHkBABAAmAAAAAAAAACYAAAAAAAAAJNOVU1QWQEAdgB7J2Rlc2NyJzogJzxpOCcsICdmb3J0cmFuX29yZGVyJzogRmFsc2UsICdzaGFwZSc6ICgzLCksIH0gICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAKAQAAAAAAAAACAAAAAAAAAAMAAAAAAAAAUEsDBC0AAAAAAAAAIQCfWO5J//////////8FABQAYi5ucHkBABAACgAAAAAAAAAKAAAAAAAAAG5vdCBhbiBucHlQSwMELQAAAAAAAAAhAAAAAAD//////////wkAFABlbXB0eS5ucHkBABAAAAAAAAAAAAAAAAAAAAAAAFBLAQItA0AAAAAAAAAAIQC8kVWOmAAAAJgAAAAFAAAAAAAAAAAAAACAAQAAAABhLm5weVBLAQItAy0AAAAAAAAAIQCfWO5JCgAAAAoAAAAFAAAAAAAAAAAAAACAAc8AAABiLm5weVBLAQItAy0AAAAAAAAAIQAAAAAAAAAAAAAAAAAJAAAAAAAAAAAAAACAARABAABlbXB0eS5ucHlQSwUGAAAAAAMAAwCdAAAASwEAAAAA", "cpython": {"open": {"type": "NotImplementedError", "message": "zip file version 6.4"}}},
 "bad-crc-stored": {"about": "a flipped data byte", "b64": "UEsDBC0AAAAAAAAAIQC8kVWO//////////8FABQAYS5ucHkBABAAmAAAAAAAAACYAAAAAAAAAJNOVU1QWQEAdgB7J2Rlc2NyJzogJjxpOCcsICdmb3J0cmFuX29yZGVyJzogRmFsc2UsICdzaGFwZSc6ICgzLCksIH0gICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAKAQAAAAAAAAACAAAAAAAAAAMAAAAAAAAAUEsDBC0AAAAAAAAAIQCfWO5J//////////8FABQAYi5ucHkBABAACgAAAAAAAAAKAAAAAAAAAG5vdCBhbiBucHlQSwMELQAAAAAAAAAhAAAAAAD//////////wkAFABlbXB0eS5ucHkBABAAAAAAAAAAAAAAAAAAAAAAAFBLAQItAy0AAAAAAAAAIQC8kVWOmAAAAJgAAAAFAAAAAAAAAAAAAACAAQAAAABhLm5weVBLAQItAy0AAAAAAAAAIQCfWO5JCgAAAAoAAAAFAAAAAAAAAAAAAACAAc8AAABiLm5weVBLAQItAy0AAAAAAAAAIQAAAAAAAAAAAAAAAAAJAAAAAAAAAAAAAACAARABAABlbXB0eS5ucHlQSwUGAAAAAAMAAwCdAAAASwEAAAAA", "cpython": {"members": [{"name": "a.npy", "origName": "a.npy", "flags": 0, "method": 0, "crc32": 2387972540, "compressedSize": 152, "uncompressedSize": 152, "localHeaderOffset": 0, "error": {"type": "BadZipFile", "message": "Bad CRC-32 for file 'a.npy'"}}, {"name": "b.npy", "origName": "b.npy", "flags": 0, "method": 0, "crc32": 1240357023, "compressedSize": 10, "uncompressedSize": 10, "localHeaderOffset": 207, "sha256": "acd229c5ff13799e9e1dba015f2124a9a6ce24a4919470987b7aeb1e3b536cfb", "length": 10}, {"name": "empty.npy", "origName": "empty.npy", "flags": 0, "method": 0, "crc32": 0, "compressedSize": 0, "uncompressedSize": 0, "localHeaderOffset": 272, "sha256": "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", "length": 0}]}},
 "bad-crc-deflated": {"about": "directory CRC wrong", "b64": "UEsDBC0AAAAIAAAAIQC8kVWO//////////8FABQAYS5ucHkBABAAmAAAAAAAAABNAAAAAAAAAJvsF+obEMnIUMZQrZ6SWpxcpG6loG6TaaGuo6Cell9UUpSYF59flJIKEndLzClOBYoXZyQWpAL5GsY6mjoKtQoUAC5GBghggtLMUBoAUEsDBC0AAAAIAAAAIQDKaSFI//////////8HABQAYmlnLm5weQEAEAAgTgAAAAAAAEoAAAAAAAAA7cfJAcAQAACwlZS6xkHZf4SO4ZP8Ep6Y3lxq62Oub5/g7u7u7u7u7u7u7u7u7u7u7u7u7u7u7u7u7u7u7u7u7u7u7u7u7u5X/gNQSwMELQAAAAgAAAAhAGhqWCL//////////wgAFAByYW5kLmJpbgEAEABYAgAAAAAAAF0CAAAAAAAAAVgCp/33x3AdARfp8fDOlQirsRUZxFo8BAf8yQRYpZ97nXYmFy62HdgDgHzh9z8QqorpdxGZrBaDlAtF044QpU172VpEP6fuM3Tgh6oE8YISAVUktXmoYCoNE5Z/KROONyQG71jFHPSHJKtOdApqRqnOCi1FJ0z02CfH1XYKkGLDWX5XldF3eQvI7nje0ZjhK3C7x4TQcEtGH8cvam/EHvCHGtTXfGDR0ahBpDFYG7Ozz/YolOjxRPgn2df7uFLLyXK4EhRlNgzlSc0JOIHUFsru8LP/UU7xdRCVQdsSsG3zMxllMbTi43WAPNHMXO7bNIPjs2ss85U0TQ/QWognf+jF84x4VSMhDJ8q7CXXixG2UysAq6wPoxbCyiXqNwpuZLxTNfjSrGHv3+r1R4mh601sUa+T2CbWiBfDQkdpZtuQRoYds2BGNky31pZlDVng1XA7xn0qYU4AEnplTG3XrtN6L2ageihIl16nmVg0K4T/7ZF1zat5qAfNy7l3qcwaBl34y3kQ6iPj5+WWVPpZwMD+Skyur5VUkPLzS5AxgtC/RxKIsZo0VoJV6VJ1RBXChpaVjB7SPkFfI94HZQmq/Qv5Naon/VCEWm/og+gR2ML1TkKyfOiUOFmBFafpzwSulVTckDopen+v8Kzz/SPgiJ+eESWI8tY+sCrpgcGBsMZk2tZTIbX/j5CInJnYcgpfEe5ew9etaOILmpwSUDqfzTJY8PCFsMRhln76DQdyzhTUS23tVyV8rcGmPbH7ywfdvFuXX2osE6MENsYy1f2anoy7JID4IazpQaa+DPBQSwMELQAAAAgAAAAhAAAAAAD//////////wkAFABlbXB0eS5ucHkBABAAAAAAAAAAAAACAAAAAAAAAAMAUEsBAi0DLQAAAAgAAAAhALyRVY5NAAAAmAAAAAUAAAAAAAAAAAAAAIABAAAAAGEubnB5UEsBAi0DLQAAAAgAAAAhAMppIchKAAAAIE4AAAcAAAAAAAAAAAAAAIABhAAAAGJpZy5ucHlQSwECLQMtAAAACAAAACEAaGpYIl0CAABYAgAACAAAAAAAAAAAAAAAgAEHAQAAcmFuZC5iaW5QSwECLQMtAAAACAAAACEAAAAAAAIAAAAAAAAACQAAAAAAAAAAAAAAgAGeAwAAZW1wdHkubnB5UEsFBgAAAAAEAAQA1QAAANsDAAAAAA==", "cpython": {"members": [{"name": "a.npy", "origName": "a.npy", "flags": 0, "method": 8, "crc32": 2387972540, "compressedSize": 77, "uncompressedSize": 152, "localHeaderOffset": 0, "sha256": "f9903acaeea88e7642e9820968f19d2c30dabf7aeb913e939bc23dc2f27be854", "length": 152}, {"name": "big.npy", "origName": "big.npy", "flags": 0, "method": 8, "crc32": 3357632970, "compressedSize": 74, "uncompressedSize": 20000, "localHeaderOffset": 132, "error": {"type": "BadZipFile", "message": "Bad CRC-32 for file 'big.npy'"}}, {"name": "rand.bin", "origName": "rand.bin", "flags": 0, "method": 8, "crc32": 576219752, "compressedSize": 605, "uncompressedSize": 600, "localHeaderOffset": 263, "sha256": "61e810d850326fa53e7684a0c13cb218ac41e7fa2dd1bce5ccbb2f1eba2d6307", "length": 600}, {"name": "empty.npy", "origName": "empty.npy", "flags": 0, "method": 8, "crc32": 0, "compressedSize": 2, "uncompressedSize": 0, "localHeaderOffset": 926, "sha256": "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", "length": 0}]}},
 "corrupt-deflate": {"about": "first deflate block has type 3", "b64": "UEsDBC0AAAAIAAAAIQC8kVWO//////////8FABQAYS5ucHkBABAAmAAAAAAAAABNAAAAAAAAAAfsF+obEMnIUMZQrZ6SWpxcpG6loG6TaaGuo6Cell9UUpSYF59flJIKEndLzClOBYoXZyQWpAL5GsY6mjoKtQoUAC5GBghggtLMUBoAUEsDBC0AAAAIAAAAIQDKaSFI//////////8HABQAYmlnLm5weQEAEAAgTgAAAAAAAEoAAAAAAAAA7cfJAcAQAACwlZS6xkHZf4SO4ZP8Ep6Y3lxq62Oub5/g7u7u7u7u7u7u7u7u7u7u7u7u7u7u7u7u7u7u7u7u7u7u7u7u7u5X/gNQSwMELQAAAAgAAAAhAGhqWCL//////////wgAFAByYW5kLmJpbgEAEABYAgAAAAAAAF0CAAAAAAAAAVgCp/33x3AdARfp8fDOlQirsRUZxFo8BAf8yQRYpZ97nXYmFy62HdgDgHzh9z8QqorpdxGZrBaDlAtF044QpU172VpEP6fuM3Tgh6oE8YISAVUktXmoYCoNE5Z/KROONyQG71jFHPSHJKtOdApqRqnOCi1FJ0z02CfH1XYKkGLDWX5XldF3eQvI7nje0ZjhK3C7x4TQcEtGH8cvam/EHvCHGtTXfGDR0ahBpDFYG7Ozz/YolOjxRPgn2df7uFLLyXK4EhRlNgzlSc0JOIHUFsru8LP/UU7xdRCVQdsSsG3zMxllMbTi43WAPNHMXO7bNIPjs2ss85U0TQ/QWognf+jF84x4VSMhDJ8q7CXXixG2UysAq6wPoxbCyiXqNwpuZLxTNfjSrGHv3+r1R4mh601sUa+T2CbWiBfDQkdpZtuQRoYds2BGNky31pZlDVng1XA7xn0qYU4AEnplTG3XrtN6L2ageihIl16nmVg0K4T/7ZF1zat5qAfNy7l3qcwaBl34y3kQ6iPj5+WWVPpZwMD+Skyur5VUkPLzS5AxgtC/RxKIsZo0VoJV6VJ1RBXChpaVjB7SPkFfI94HZQmq/Qv5Naon/VCEWm/og+gR2ML1TkKyfOiUOFmBFafpzwSulVTckDopen+v8Kzz/SPgiJ+eESWI8tY+sCrpgcGBsMZk2tZTIbX/j5CInJnYcgpfEe5ew9etaOILmpwSUDqfzTJY8PCFsMRhln76DQdyzhTUS23tVyV8rcGmPbH7ywfdvFuXX2osE6MENsYy1f2anoy7JID4IazpQaa+DPBQSwMELQAAAAgAAAAhAAAAAAD//////////wkAFABlbXB0eS5ucHkBABAAAAAAAAAAAAACAAAAAAAAAAMAUEsBAi0DLQAAAAgAAAAhALyRVY5NAAAAmAAAAAUAAAAAAAAAAAAAAIABAAAAAGEubnB5UEsBAi0DLQAAAAgAAAAhAMppIUhKAAAAIE4AAAcAAAAAAAAAAAAAAIABhAAAAGJpZy5ucHlQSwECLQMtAAAACAAAACEAaGpYIl0CAABYAgAACAAAAAAAAAAAAAAAgAEHAQAAcmFuZC5iaW5QSwECLQMtAAAACAAAACEAAAAAAAIAAAAAAAAACQAAAAAAAAAAAAAAgAGeAwAAZW1wdHkubnB5UEsFBgAAAAAEAAQA1QAAANsDAAAAAA==", "cpython": {"members": [{"name": "a.npy", "origName": "a.npy", "flags": 0, "method": 8, "crc32": 2387972540, "compressedSize": 77, "uncompressedSize": 152, "localHeaderOffset": 0, "error": {"type": "error", "message": "Error -3 while decompressing data: invalid block type"}}, {"name": "big.npy", "origName": "big.npy", "flags": 0, "method": 8, "crc32": 1210149322, "compressedSize": 74, "uncompressedSize": 20000, "localHeaderOffset": 132, "sha256": "1f330cfa6e2fb183f6e39d5f9d17476802b6cfeb6f09b4017be202acb8f5fe45", "length": 20000}, {"name": "rand.bin", "origName": "rand.bin", "flags": 0, "method": 8, "crc32": 576219752, "compressedSize": 605, "uncompressedSize": 600, "localHeaderOffset": 263, "sha256": "61e810d850326fa53e7684a0c13cb218ac41e7fa2dd1bce5ccbb2f1eba2d6307", "length": 600}, {"name": "empty.npy", "origName": "empty.npy", "flags": 0, "method": 8, "crc32": 0, "compressedSize": 2, "uncompressedSize": 0, "localHeaderOffset": 926, "sha256": "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", "length": 0}]}},
 "declared-smaller-deflate": {"about": "big.npy declares one byte less than it inflates to", "b64": "UEsDBC0AAAAIAAAAIQC8kVWO//////////8FABQAYS5ucHkBABAAmAAAAAAAAABNAAAAAAAAAJvsF+obEMnIUMZQrZ6SWpxcpG6loG6TaaGuo6Cell9UUpSYF59flJIKEndLzClOBYoXZyQWpAL5GsY6mjoKtQoUAC5GBghggtLMUBoAUEsDBC0AAAAIAAAAIQDKaSFI//////////8HABQAYmlnLm5weQEAEAAgTgAAAAAAAEoAAAAAAAAA7cfJAcAQAACwlZS6xkHZf4SO4ZP8Ep6Y3lxq62Oub5/g7u7u7u7u7u7u7u7u7u7u7u7u7u7u7u7u7u7u7u7u7u7u7u7u7u5X/gNQSwMELQAAAAgAAAAhAGhqWCL//////////wgAFAByYW5kLmJpbgEAEABYAgAAAAAAAF0CAAAAAAAAAVgCp/33x3AdARfp8fDOlQirsRUZxFo8BAf8yQRYpZ97nXYmFy62HdgDgHzh9z8QqorpdxGZrBaDlAtF044QpU172VpEP6fuM3Tgh6oE8YISAVUktXmoYCoNE5Z/KROONyQG71jFHPSHJKtOdApqRqnOCi1FJ0z02CfH1XYKkGLDWX5XldF3eQvI7nje0ZjhK3C7x4TQcEtGH8cvam/EHvCHGtTXfGDR0ahBpDFYG7Ozz/YolOjxRPgn2df7uFLLyXK4EhRlNgzlSc0JOIHUFsru8LP/UU7xdRCVQdsSsG3zMxllMbTi43WAPNHMXO7bNIPjs2ss85U0TQ/QWognf+jF84x4VSMhDJ8q7CXXixG2UysAq6wPoxbCyiXqNwpuZLxTNfjSrGHv3+r1R4mh601sUa+T2CbWiBfDQkdpZtuQRoYds2BGNky31pZlDVng1XA7xn0qYU4AEnplTG3XrtN6L2ageihIl16nmVg0K4T/7ZF1zat5qAfNy7l3qcwaBl34y3kQ6iPj5+WWVPpZwMD+Skyur5VUkPLzS5AxgtC/RxKIsZo0VoJV6VJ1RBXChpaVjB7SPkFfI94HZQmq/Qv5Naon/VCEWm/og+gR2ML1TkKyfOiUOFmBFafpzwSulVTckDopen+v8Kzz/SPgiJ+eESWI8tY+sCrpgcGBsMZk2tZTIbX/j5CInJnYcgpfEe5ew9etaOILmpwSUDqfzTJY8PCFsMRhln76DQdyzhTUS23tVyV8rcGmPbH7ywfdvFuXX2osE6MENsYy1f2anoy7JID4IazpQaa+DPBQSwMELQAAAAgAAAAhAAAAAAD//////////wkAFABlbXB0eS5ucHkBABAAAAAAAAAAAAACAAAAAAAAAAMAUEsBAi0DLQAAAAgAAAAhALyRVY5NAAAAmAAAAAUAAAAAAAAAAAAAAIABAAAAAGEubnB5UEsBAi0DLQAAAAgAAAAhAMppIUhKAAAAH04AAAcAAAAAAAAAAAAAAIABhAAAAGJpZy5ucHlQSwECLQMtAAAACAAAACEAaGpYIl0CAABYAgAACAAAAAAAAAAAAAAAgAEHAQAAcmFuZC5iaW5QSwECLQMtAAAACAAAACEAAAAAAAIAAAAAAAAACQAAAAAAAAAAAAAAgAGeAwAAZW1wdHkubnB5UEsFBgAAAAAEAAQA1QAAANsDAAAAAA==", "cpython": {"members": [{"name": "a.npy", "origName": "a.npy", "flags": 0, "method": 8, "crc32": 2387972540, "compressedSize": 77, "uncompressedSize": 152, "localHeaderOffset": 0, "sha256": "f9903acaeea88e7642e9820968f19d2c30dabf7aeb913e939bc23dc2f27be854", "length": 152}, {"name": "big.npy", "origName": "big.npy", "flags": 0, "method": 8, "crc32": 1210149322, "compressedSize": 74, "uncompressedSize": 19999, "localHeaderOffset": 132, "error": {"type": "BadZipFile", "message": "Bad CRC-32 for file 'big.npy'"}}, {"name": "rand.bin", "origName": "rand.bin", "flags": 0, "method": 8, "crc32": 576219752, "compressedSize": 605, "uncompressedSize": 600, "localHeaderOffset": 263, "sha256": "61e810d850326fa53e7684a0c13cb218ac41e7fa2dd1bce5ccbb2f1eba2d6307", "length": 600}, {"name": "empty.npy", "origName": "empty.npy", "flags": 0, "method": 8, "crc32": 0, "compressedSize": 2, "uncompressedSize": 0, "localHeaderOffset": 926, "sha256": "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", "length": 0}]}},
 "declared-larger-deflate": {"about": "big.npy declares one byte more than it inflates to", "b64": "UEsDBC0AAAAIAAAAIQC8kVWO//////////8FABQAYS5ucHkBABAAmAAAAAAAAABNAAAAAAAAAJvsF+obEMnIUMZQrZ6SWpxcpG6loG6TaaGuo6Cell9UUpSYF59flJIKEndLzClOBYoXZyQWpAL5GsY6mjoKtQoUAC5GBghggtLMUBoAUEsDBC0AAAAIAAAAIQDKaSFI//////////8HABQAYmlnLm5weQEAEAAgTgAAAAAAAEoAAAAAAAAA7cfJAcAQAACwlZS6xkHZf4SO4ZP8Ep6Y3lxq62Oub5/g7u7u7u7u7u7u7u7u7u7u7u7u7u7u7u7u7u7u7u7u7u7u7u7u7u5X/gNQSwMELQAAAAgAAAAhAGhqWCL//////////wgAFAByYW5kLmJpbgEAEABYAgAAAAAAAF0CAAAAAAAAAVgCp/33x3AdARfp8fDOlQirsRUZxFo8BAf8yQRYpZ97nXYmFy62HdgDgHzh9z8QqorpdxGZrBaDlAtF044QpU172VpEP6fuM3Tgh6oE8YISAVUktXmoYCoNE5Z/KROONyQG71jFHPSHJKtOdApqRqnOCi1FJ0z02CfH1XYKkGLDWX5XldF3eQvI7nje0ZjhK3C7x4TQcEtGH8cvam/EHvCHGtTXfGDR0ahBpDFYG7Ozz/YolOjxRPgn2df7uFLLyXK4EhRlNgzlSc0JOIHUFsru8LP/UU7xdRCVQdsSsG3zMxllMbTi43WAPNHMXO7bNIPjs2ss85U0TQ/QWognf+jF84x4VSMhDJ8q7CXXixG2UysAq6wPoxbCyiXqNwpuZLxTNfjSrGHv3+r1R4mh601sUa+T2CbWiBfDQkdpZtuQRoYds2BGNky31pZlDVng1XA7xn0qYU4AEnplTG3XrtN6L2ageihIl16nmVg0K4T/7ZF1zat5qAfNy7l3qcwaBl34y3kQ6iPj5+WWVPpZwMD+Skyur5VUkPLzS5AxgtC/RxKIsZo0VoJV6VJ1RBXChpaVjB7SPkFfI94HZQmq/Qv5Naon/VCEWm/og+gR2ML1TkKyfOiUOFmBFafpzwSulVTckDopen+v8Kzz/SPgiJ+eESWI8tY+sCrpgcGBsMZk2tZTIbX/j5CInJnYcgpfEe5ew9etaOILmpwSUDqfzTJY8PCFsMRhln76DQdyzhTUS23tVyV8rcGmPbH7ywfdvFuXX2osE6MENsYy1f2anoy7JID4IazpQaa+DPBQSwMELQAAAAgAAAAhAAAAAAD//////////wkAFABlbXB0eS5ucHkBABAAAAAAAAAAAAACAAAAAAAAAAMAUEsBAi0DLQAAAAgAAAAhALyRVY5NAAAAmAAAAAUAAAAAAAAAAAAAAIABAAAAAGEubnB5UEsBAi0DLQAAAAgAAAAhAMppIUhKAAAAIU4AAAcAAAAAAAAAAAAAAIABhAAAAGJpZy5ucHlQSwECLQMtAAAACAAAACEAaGpYIl0CAABYAgAACAAAAAAAAAAAAAAAgAEHAQAAcmFuZC5iaW5QSwECLQMtAAAACAAAACEAAAAAAAIAAAAAAAAACQAAAAAAAAAAAAAAgAGeAwAAZW1wdHkubnB5UEsFBgAAAAAEAAQA1QAAANsDAAAAAA==", "cpython": {"members": [{"name": "a.npy", "origName": "a.npy", "flags": 0, "method": 8, "crc32": 2387972540, "compressedSize": 77, "uncompressedSize": 152, "localHeaderOffset": 0, "sha256": "f9903acaeea88e7642e9820968f19d2c30dabf7aeb913e939bc23dc2f27be854", "length": 152}, {"name": "big.npy", "origName": "big.npy", "flags": 0, "method": 8, "crc32": 1210149322, "compressedSize": 74, "uncompressedSize": 20001, "localHeaderOffset": 132, "sha256": "1f330cfa6e2fb183f6e39d5f9d17476802b6cfeb6f09b4017be202acb8f5fe45", "length": 20000}, {"name": "rand.bin", "origName": "rand.bin", "flags": 0, "method": 8, "crc32": 576219752, "compressedSize": 605, "uncompressedSize": 600, "localHeaderOffset": 263, "sha256": "61e810d850326fa53e7684a0c13cb218ac41e7fa2dd1bce5ccbb2f1eba2d6307", "length": 600}, {"name": "empty.npy", "origName": "empty.npy", "flags": 0, "method": 8, "crc32": 0, "compressedSize": 2, "uncompressedSize": 0, "localHeaderOffset": 926, "sha256": "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", "length": 0}]}},
 "declared-larger-stored": {"about": "b.npy stored, declares 11 of its 10 bytes", "b64": "UEsDBC0AAAAAAAAAIQC8kVWO//////////8FABQAYS5ucHkBABAAmAAAAAAAAACYAAAAAAAAAJNOVU1QWQEAdgB7J2Rlc2NyJzogJzxpOCcsICdmb3J0cmFuX29yZGVyJzogRmFsc2UsICdzaGFwZSc6ICgzLCksIH0gICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAKAQAAAAAAAAACAAAAAAAAAAMAAAAAAAAAUEsDBC0AAAAAAAAAIQCfWO5J//////////8FABQAYi5ucHkBABAACgAAAAAAAAAKAAAAAAAAAG5vdCBhbiBucHlQSwMELQAAAAAAAAAhAAAAAAD//////////wkAFABlbXB0eS5ucHkBABAAAAAAAAAAAAAAAAAAAAAAAFBLAQItAy0AAAAAAAAAIQC8kVWOmAAAAJgAAAAFAAAAAAAAAAAAAACAAQAAAABhLm5weVBLAQItAy0AAAAAAAAAIQCfWO5JCgAAAAsAAAAFAAAAAAAAAAAAAACAAc8AAABiLm5weVBLAQItAy0AAAAAAAAAIQAAAAAAAAAAAAAAAAAJAAAAAAAAAAAAAACAARABAABlbXB0eS5ucHlQSwUGAAAAAAMAAwCdAAAASwEAAAAA", "cpython": {"members": [{"name": "a.npy", "origName": "a.npy", "flags": 0, "method": 0, "crc32": 2387972540, "compressedSize": 152, "uncompressedSize": 152, "localHeaderOffset": 0, "sha256": "f9903acaeea88e7642e9820968f19d2c30dabf7aeb913e939bc23dc2f27be854", "length": 152}, {"name": "b.npy", "origName": "b.npy", "flags": 0, "method": 0, "crc32": 1240357023, "compressedSize": 10, "uncompressedSize": 11, "localHeaderOffset": 207, "sha256": "acd229c5ff13799e9e1dba015f2124a9a6ce24a4919470987b7aeb1e3b536cfb", "length": 10}, {"name": "empty.npy", "origName": "empty.npy", "flags": 0, "method": 0, "crc32": 0, "compressedSize": 0, "uncompressedSize": 0, "localHeaderOffset": 272, "sha256": "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", "length": 0}]}},
 "header-past-end": {"about": "local header offset past the end", "b64": "UEsDBC0AAAAAAAAAIQC8kVWO//////////8FABQAYS5ucHkBABAAmAAAAAAAAACYAAAAAAAAAJNOVU1QWQEAdgB7J2Rlc2NyJzogJzxpOCcsICdmb3J0cmFuX29yZGVyJzogRmFsc2UsICdzaGFwZSc6ICgzLCksIH0gICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAKAQAAAAAAAAACAAAAAAAAAAMAAAAAAAAAUEsDBC0AAAAAAAAAIQCfWO5J//////////8FABQAYi5ucHkBABAACgAAAAAAAAAKAAAAAAAAAG5vdCBhbiBucHlQSwMELQAAAAAAAAAhAAAAAAD//////////wkAFABlbXB0eS5ucHkBABAAAAAAAAAAAAAAAAAAAAAAAFBLAQItAy0AAAAAAAAAIQC8kVWOmAAAAJgAAAAFAAAAAAAAAAAAAACAAQAAAABhLm5weVBLAQItAy0AAAAAAAAAIQCfWO5JCgAAAAoAAAAFAAAAAAAAAAAAAACAAc8AAABiLm5weVBLAQItAy0AAAAAAAAAIQAAAAAAAAAAAAAAAAAJAAAAAAAAAAAAAACAAQgCAABlbXB0eS5ucHlQSwUGAAAAAAMAAwCdAAAASwEAAAAA", "cpython": {"members": [{"name": "a.npy", "origName": "a.npy", "flags": 0, "method": 0, "crc32": 2387972540, "compressedSize": 152, "uncompressedSize": 152, "localHeaderOffset": 0, "sha256": "f9903acaeea88e7642e9820968f19d2c30dabf7aeb913e939bc23dc2f27be854", "length": 152}, {"name": "b.npy", "origName": "b.npy", "flags": 0, "method": 0, "crc32": 1240357023, "compressedSize": 10, "uncompressedSize": 10, "localHeaderOffset": 207, "sha256": "acd229c5ff13799e9e1dba015f2124a9a6ce24a4919470987b7aeb1e3b536cfb", "length": 10}, {"name": "empty.npy", "origName": "empty.npy", "flags": 0, "method": 0, "crc32": 0, "compressedSize": 0, "uncompressedSize": 0, "localHeaderOffset": 520, "error": {"type": "BadZipFile", "message": "Truncated file header"}}]}},
 "bad-utf8-name": {"about": "flag 0x800, name starts with 0xff", "b64": "UEsDBC0AAAAAAAAAIQC8kVWO//////////8FABQAYS5ucHkBABAAmAAAAAAAAACYAAAAAAAAAJNOVU1QWQEAdgB7J2Rlc2NyJzogJzxpOCcsICdmb3J0cmFuX29yZGVyJzogRmFsc2UsICdzaGFwZSc6ICgzLCksIH0gICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAKAQAAAAAAAAACAAAAAAAAAAMAAAAAAAAAUEsDBC0AAAAAAAAAIQCfWO5J//////////8FABQAYi5ucHkBABAACgAAAAAAAAAKAAAAAAAAAG5vdCBhbiBucHlQSwMELQAAAAAAAAAhAAAAAAD//////////wkAFABlbXB0eS5ucHkBABAAAAAAAAAAAAAAAAAAAAAAAFBLAQItAy0AAAgAAAAAIQC8kVWOmAAAAJgAAAAFAAAAAAAAAAAAAACAAQAAAAD/Lm5weVBLAQItAy0AAAAAAAAAIQCfWO5JCgAAAAoAAAAFAAAAAAAAAAAAAACAAc8AAABiLm5weVBLAQItAy0AAAAAAAAAIQAAAAAAAAAAAAAAAAAJAAAAAAAAAAAAAACAARABAABlbXB0eS5ucHlQSwUGAAAAAAMAAwCdAAAASwEAAAAA", "cpython": {"open": {"type": "UnicodeDecodeError", "message": "'utf-8' codec can't decode byte 0xff in position 0: invalid start byte"}}},
 "overlap": {"about": "a.npy claims 40 more bytes", "b64": "UEsDBC0AAAAAAAAAIQC8kVWO//////////8FABQAYS5ucHkBABAAmAAAAAAAAACYAAAAAAAAAJNOVU1QWQEAdgB7J2Rlc2NyJzogJzxpOCcsICdmb3J0cmFuX29yZGVyJzogRmFsc2UsICdzaGFwZSc6ICgzLCksIH0gICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAKAQAAAAAAAAACAAAAAAAAAAMAAAAAAAAAUEsDBC0AAAAAAAAAIQCfWO5J//////////8FABQAYi5ucHkBABAACgAAAAAAAAAKAAAAAAAAAG5vdCBhbiBucHlQSwMELQAAAAAAAAAhAAAAAAD//////////wkAFABlbXB0eS5ucHkBABAAAAAAAAAAAAAAAAAAAAAAAFBLAQItAy0AAAAAAAAAIQC8kVWOwAAAAMAAAAAFAAAAAAAAAAAAAACAAQAAAABhLm5weVBLAQItAy0AAAAAAAAAIQCfWO5JCgAAAAoAAAAFAAAAAAAAAAAAAACAAc8AAABiLm5weVBLAQItAy0AAAAAAAAAIQAAAAAAAAAAAAAAAAAJAAAAAAAAAAAAAACAARABAABlbXB0eS5ucHlQSwUGAAAAAAMAAwCdAAAASwEAAAAA", "cpython": {"members": [{"name": "a.npy", "origName": "a.npy", "flags": 0, "method": 0, "crc32": 2387972540, "compressedSize": 192, "uncompressedSize": 192, "localHeaderOffset": 0, "error": {"type": "BadZipFile", "message": "Bad CRC-32 for file 'a.npy'"}}, {"name": "b.npy", "origName": "b.npy", "flags": 0, "method": 0, "crc32": 1240357023, "compressedSize": 10, "uncompressedSize": 10, "localHeaderOffset": 207, "sha256": "acd229c5ff13799e9e1dba015f2124a9a6ce24a4919470987b7aeb1e3b536cfb", "length": 10}, {"name": "empty.npy", "origName": "empty.npy", "flags": 0, "method": 0, "crc32": 0, "compressedSize": 0, "uncompressedSize": 0, "localHeaderOffset": 272, "sha256": "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", "length": 0}]}},
 "same-header": {"about": "two directory records point at a.npy", "b64": "UEsDBC0AAAAAAAAAIQC8kVWO//////////8FABQAYS5ucHkBABAAmAAAAAAAAACYAAAAAAAAAJNOVU1QWQEAdgB7J2Rlc2NyJzogJzxpOCcsICdmb3J0cmFuX29yZGVyJzogRmFsc2UsICdzaGFwZSc6ICgzLCksIH0gICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAKAQAAAAAAAAACAAAAAAAAAAMAAAAAAAAAUEsDBC0AAAAAAAAAIQCfWO5J//////////8FABQAYi5ucHkBABAACgAAAAAAAAAKAAAAAAAAAG5vdCBhbiBucHlQSwMELQAAAAAAAAAhAAAAAAD//////////wkAFABlbXB0eS5ucHkBABAAAAAAAAAAAAAAAAAAAAAAAFBLAQItAy0AAAAAAAAAIQC8kVWOmAAAAJgAAAAFAAAAAAAAAAAAAACAAQAAAABhLm5weVBLAQItAy0AAAAAAAAAIQCfWO5JCgAAAAoAAAAFAAAAAAAAAAAAAACAAc8AAABiLm5weVBLAQItAy0AAAAAAAAAIQAAAAAAAAAAAAAAAAAJAAAAAAAAAAAAAACAARABAABlbXB0eS5ucHlQSwECLQMtAAAAAAAAACEAvJFVjpgAAACYAAAABQAAAAAAAAAAAAAAgAEAAAAAYS5ucHlQSwUGAAAAAAQABADQAAAASwEAAAAA", "cpython": {"members": [{"name": "a.npy", "origName": "a.npy", "flags": 0, "method": 0, "crc32": 2387972540, "compressedSize": 152, "uncompressedSize": 152, "localHeaderOffset": 0, "sha256": "f9903acaeea88e7642e9820968f19d2c30dabf7aeb913e939bc23dc2f27be854", "length": 152}, {"name": "b.npy", "origName": "b.npy", "flags": 0, "method": 0, "crc32": 1240357023, "compressedSize": 10, "uncompressedSize": 10, "localHeaderOffset": 207, "sha256": "acd229c5ff13799e9e1dba015f2124a9a6ce24a4919470987b7aeb1e3b536cfb", "length": 10}, {"name": "empty.npy", "origName": "empty.npy", "flags": 0, "method": 0, "crc32": 0, "compressedSize": 0, "uncompressedSize": 0, "localHeaderOffset": 272, "sha256": "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", "length": 0}, {"name": "a.npy", "origName": "a.npy", "flags": 0, "method": 0, "crc32": 2387972540, "compressedSize": 152, "uncompressedSize": 152, "localHeaderOffset": 0, "sha256": "f9903acaeea88e7642e9820968f19d2c30dabf7aeb913e939bc23dc2f27be854", "length": 152}]}},
 "negative-concat": {"about": "end record puts the directory 100 bytes later than it is", "b64": "UEsDBC0AAAAAAAAAIQC8kVWO//////////8FABQAYS5ucHkBABAAmAAAAAAAAACYAAAAAAAAAJNOVU1QWQEAdgB7J2Rlc2NyJzogJzxpOCcsICdmb3J0cmFuX29yZGVyJzogRmFsc2UsICdzaGFwZSc6ICgzLCksIH0gICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAKAQAAAAAAAAACAAAAAAAAAAMAAAAAAAAAUEsDBC0AAAAAAAAAIQCfWO5J//////////8FABQAYi5ucHkBABAACgAAAAAAAAAKAAAAAAAAAG5vdCBhbiBucHlQSwMELQAAAAAAAAAhAAAAAAD//////////wkAFABlbXB0eS5ucHkBABAAAAAAAAAAAAAAAAAAAAAAAFBLAQItAy0AAAAAAAAAIQC8kVWOmAAAAJgAAAAFAAAAAAAAAAAAAACAAQAAAABhLm5weVBLAQItAy0AAAAAAAAAIQCfWO5JCgAAAAoAAAAFAAAAAAAAAAAAAACAAc8AAABiLm5weVBLAQItAy0AAAAAAAAAIQAAAAAAAAAAAAAAAAAJAAAAAAAAAAAAAACAARABAABlbXB0eS5ucHlQSwUGAAAAAAMAAwCdAAAArwEAAAAA", "cpython": {"members": [{"name": "a.npy", "origName": "a.npy", "flags": 0, "method": 0, "crc32": 2387972540, "compressedSize": 152, "uncompressedSize": 152, "localHeaderOffset": -100, "error": {"type": "ValueError", "message": "negative seek value -100"}}, {"name": "b.npy", "origName": "b.npy", "flags": 0, "method": 0, "crc32": 1240357023, "compressedSize": 10, "uncompressedSize": 10, "localHeaderOffset": 107, "error": {"type": "BadZipFile", "message": "Bad magic number for file header"}}, {"name": "empty.npy", "origName": "empty.npy", "flags": 0, "method": 0, "crc32": 0, "compressedSize": 0, "uncompressedSize": 0, "localHeaderOffset": 172, "error": {"type": "BadZipFile", "message": "Bad magic number for file header"}}]}},
 "multi-disk": {"about": "zip64 locator says 2 disks", "b64": "UEsDBC0AAAAIAI4Mdl28kVWO//////////8FABQAYS5ucHkBABAAmAAAAAAAAABNAAAAAAAAAJvsF+obEMnIUMZQrZ6SWpxcpG6loG6TaaGuo6Cell9UUpSYF59flJIKEndLzClOBYoXZyQWpAL5GsY6mjoKtQoUAC5GBghggtLMUBoAUEsDBC0AAAAIAI4Mdl3KaSFI//////////8HABQAYmlnLm5weQEAEAAgTgAAAAAAAEoAAAAAAAAA7cfJAcAQAACwlZS6xkHZf4SO4ZP8Ep6Y3lxq62Oub5/g7u7u7u7u7u7u7u7u7u7u7u7u7u7u7u7u7u7u7u7u7u7u7u7u7u5X/gNQSwMELQAAAAgAjgx2XU6V0Vz//////////wUAFABjLm5weQEAEABkAAAAAAAAAAYAAAAAAAAAS06mPQAAUEsBAi0DLQAAAAgAjgx2XbyRVY7//////////wUAFAAAAAAAAAAAAIABAAAAAGEubnB5AQAQAJgAAAAAAAAATQAAAAAAAABQSwECLQMtAAAACACODHZdymkhSP//////////BwAcAAAAAAAAAAAAgAH/////YmlnLm5weQEAGAAgTgAAAAAAAEoAAAAAAAAAhAAAAAAAAABQSwECLQMtAAAACACODHZdTpXRXP//////////BQAcAAAAAAAAAAAAgAH/////Yy5ucHkBABgAZAAAAAAAAAAGAAAAAAAAAAcBAAAAAAAAUEsGBiwAAAAAAAAALQAtAAAAAAAAAAAAAwAAAAAAAAADAAAAAAAAAOcAAAAAAAAARAEAAAAAAABQSwYHAAAAACsCAAAAAAAAAgAAAFBLBQYAAAAAAwADAOcAAABEAQAAAAA=", "cpython": {"open": {"type": "BadZipFile", "message": "zipfiles that span multiple disks are not supported"}}},
 "corrupt-extra": {"about": "big.npy extra field length runs past the extra", "b64": "UEsDBC0AAAAIAI4Mdl28kVWO//////////8FABQAYS5ucHkBABAAmAAAAAAAAABNAAAAAAAAAJvsF+obEMnIUMZQrZ6SWpxcpG6loG6TaaGuo6Cell9UUpSYF59flJIKEndLzClOBYoXZyQWpAL5GsY6mjoKtQoUAC5GBghggtLMUBoAUEsDBC0AAAAIAI4Mdl3KaSFI//////////8HABQAYmlnLm5weQEAEAAgTgAAAAAAAEoAAAAAAAAA7cfJAcAQAACwlZS6xkHZf4SO4ZP8Ep6Y3lxq62Oub5/g7u7u7u7u7u7u7u7u7u7u7u7u7u7u7u7u7u7u7u7u7u7u7u7u7u5X/gNQSwMELQAAAAgAjgx2XU6V0Vz//////////wUAFABjLm5weQEAEABkAAAAAAAAAAYAAAAAAAAAS06mPQAAUEsBAi0DLQAAAAgAjgx2XbyRVY7//////////wUAFAAAAAAAAAAAAIABAAAAAGEubnB5AQAQAJgAAAAAAAAATQAAAAAAAABQSwECLQMtAAAACACODHZdymkhSP//////////BwAcAAAAAAAAAAAAgAH/////YmlnLm5weQEAHAAgTgAAAAAAAEoAAAAAAAAAhAAAAAAAAABQSwECLQMtAAAACACODHZdTpXRXP//////////BQAcAAAAAAAAAAAAgAH/////Yy5ucHkBABgAZAAAAAAAAAAGAAAAAAAAAAcBAAAAAAAAUEsGBiwAAAAAAAAALQAtAAAAAAAAAAAAAwAAAAAAAAADAAAAAAAAAOcAAAAAAAAARAEAAAAAAABQSwYHAAAAACsCAAAAAAAAAQAAAFBLBQYAAAAAAwADAOcAAABEAQAAAAA=", "cpython": {"open": {"type": "BadZipFile", "message": "Corrupt extra field 0001 (size=28)"}}},
 "zip64-extra-missing": {"about": "size 0xFFFFFFFF, zip64 extra field empty", "b64": "UEsDBBQAAAAAAAAAIQBj8/OtBAAAAAQAAAAFAAQAYS5ucHkBAAAAZGF0YVBLAQIUAxQAAAAAAAAAIQBj8/OtBAAAAP////8FAAQAAAAAAAAAAACAAQAAAABhLm5weQEAAABQSwUGAAAAAAEAAQA3AAAAKwAAAAAA", "cpython": {"open": {"type": "BadZipFile", "message": "Corrupt zip64 extra field. File size not found."}}},
}
;

function bytesOf(name: string): Uint8Array {
  return new Uint8Array(Buffer.from(CASES[name]!.b64, 'base64'));
}

const INFLATERS: [string, Inflater][] = [
  ['fflate', fflateInflater],
  ['node:zlib', nodeZlibInflater(zlib)],
  // The fallback when fflate's internals are not there: pushes, each chunk copied.
  ['fflate in pushes, copying', (c, n) => inflateChunked(c, n, false)],
];

/** CPython's exception class names as npyio's pythonType spells them. */
const PY_TYPE: Record<string, string> = { error: 'zlib.error' };
/** Exceptions zipfile raises (npy parsing raises others, after the member was read whole). */
const ZIP_ERRORS = new Set(['BadZipFile', 'RuntimeError', 'NotImplementedError', 'error', 'OSError', 'EOFError', 'UnicodeDecodeError']);

/**
 * Where npyio differs from CPython 3.11.7 on purpose, member by member: what
 * npyio throws instead of what CPython does.
 */
const DEVIATIONS: Record<string, Record<number, PyError>> = {
  // CPython gets to the bz2 decompressor (OSError: Invalid data stream); npyio reads no bzip2.
  'method-bzip2': {
    0: { type: 'NotImplementedError', message: 'That compression method is not supported by npyio: bzip2 (method 12); npyio reads stored and deflated members' },
  },
  // CPython stops at the end of the stream; the CRC of the 20000 bytes matches.
  'declared-larger-deflate': { 1: { type: 'BadZipFile', message: "File 'big.npy' inflates to less than its declared size of 20001 bytes" } },
  // CPython reads the 10 stored bytes; the CRC matches.
  'declared-larger-stored': { 1: { type: 'BadZipFile', message: "File 'b.npy' stores 10 bytes but declares 11" } },
  // CPython cuts the output at 19999 bytes, then the CRC fails.
  'declared-smaller-deflate': { 1: { type: 'BadZipFile', message: "File 'big.npy' inflates past its declared size of 19999 bytes" } },
  // CPython 3.12's check (3.11.7 reads on and fails the CRC, or reads both).
  overlap: { 0: { type: 'BadZipFile', message: "Overlapped entries: 'a.npy' (possible zip bomb)" } },
  'same-header': { 3: { type: 'BadZipFile', message: "Overlapped entries: 'a.npy' (possible zip bomb)" } },
  // A BytesIO refuses the negative seek with ValueError; a file (np.load(path)) with OSError, which npyio reports.
  'negative-concat': { 0: { type: 'OSError', message: '[Errno 22] Invalid argument' } },
};

function expectPyError(e: unknown, want: PyError, where: string): void {
  if (!(e instanceof NpyioError)) throw e;
  expect(e, where).to.be.instanceOf(ZipFormatError);
  expect({ type: e.pythonType, message: e.message }, where).to.deep.equal({ type: PY_TYPE[want.type] ?? want.type, message: want.message });
}

/** A source that records the reads made on it. */
function countingSource(bytes: Uint8Array): ByteSource & { reads: [number, number][] } {
  const inner = bytesSource(bytes);
  const reads: [number, number][] = [];
  return {
    size: inner.size,
    name: inner.name,
    reads,
    read(offset: number, length: number) {
      reads.push([offset, length]);
      return inner.read(offset, length);
    },
  };
}

function u32(b: Uint8Array, o: number): number {
  return new DataView(b.buffer, b.byteOffset, b.byteLength).getUint32(o, true);
}

/** `bytes` with a little-endian `value` of `width` bytes written at `at`. */
function patched(bytes: Uint8Array, at: number, width: 1 | 2 | 4, value: number): Uint8Array {
  const b = bytes.slice();
  for (let k = 0; k < width; k++) b[at + k] = (value >>> (8 * k)) & 0xff;
  return b;
}


function rawDeflate(data: Uint8Array, level = 6): Uint8Array {
  return new Uint8Array(zlib.deflateRawSync(data, { level }));
}

describe('zip-read: archives CPython wrote', () => {
  for (const [name, c] of Object.entries(CASES)) {
    it(`${name}: ${c.about}`, () => {
      const bytes = bytesOf(name);
      const src = bytesSource(bytes);
      if (c.cpython.open !== undefined) {
        expectPyError(thrown(() => readCentralDirectory(src)), c.cpython.open, 'open');
        return;
      }
      const entries = readCentralDirectory(src);
      const py = c.cpython.members!;
      expect(entries.map((e) => e.name)).to.deep.equal(py.map((m) => m.name));
      entries.forEach((e, i) => {
        const m = py[i]!;
        expect({
          name: e.name, origName: e.origName, flags: e.flags, method: e.method, crc32: e.crc32,
          compressedSize: e.compressedSize, uncompressedSize: e.uncompressedSize, localHeaderOffset: e.localHeaderOffset,
        }).to.deep.equal({
          name: m.name, origName: m.origName, flags: m.flags, method: m.method, crc32: m.crc32,
          compressedSize: m.compressedSize, uncompressedSize: m.uncompressedSize, localHeaderOffset: m.localHeaderOffset,
        });
      });
      for (const [iname, inflater] of INFLATERS) {
        entries.forEach((e, i) => {
          const where = `${iname}: member ${i} ${e.name}`;
          const want = DEVIATIONS[name]?.[i] ?? py[i]!.error;
          if (want !== undefined) {
            const err = thrown(() => readMember(src, e, inflater));
            expectPyError(err, want, where);
            expect(err.member, where).to.equal(e.name);
            expect(err.offset, where).to.be.a('number');
            return;
          }
          const data = readMember(src, e, inflater);
          expect(data.length, where).to.equal(py[i]!.length);
          expect(sha256(data), where).to.equal(py[i]!.sha256);
        });
      }
    });
  }

  it('finds zip64 records and extras where CPython put them', () => {
    const bytes = bytesOf('zip64');
    // The zip64 locator right before the end record, the zip64 end record before it.
    const eocd = bytes.length - 22;
    expect(u32(bytes, eocd)).to.equal(0x06054b50);
    expect(u32(bytes, eocd - 20)).to.equal(0x07064b50);
    expect(u32(bytes, eocd - 76)).to.equal(0x06064b50);
    // The zip64 end record repeats the directory's offset (a u64 at 48).
    expect(u32(bytes, eocd - 76 + 48)).to.equal(u32(bytes, eocd + 16));
    const entries = readCentralDirectory(bytesSource(bytes));
    expect(entries[1]!.uncompressedSize).to.equal(20000);
    expect(entries[2]!.localHeaderOffset).to.be.greaterThan(64);
  });

  it('sets the flags CPython sets: 0x800 for UTF-8 names, 0x08 for data descriptors', () => {
    const names = readCentralDirectory(bytesSource(bytesOf('names')));
    expect(names.map((e) => e.flags & 0x800)).to.deep.equal([0x800, 0, 0, 0, 0]);
    // cp437 0x82 is é; the NUL cuts the name, the local header repeats it whole.
    expect(names[1]!.name).to.equal('café.npy');
    expect(names[2]!.name).to.equal('a');
    expect(names[2]!.origName).to.equal('a\0b.npy');
    const desc = readCentralDirectory(bytesSource(bytesOf('descriptor')));
    expect(desc.every((e) => (e.flags & 0x08) !== 0)).to.equal(true);
  });

  it('shifts every offset by the bytes in front of the zip', () => {
    const plain = readCentralDirectory(bytesSource(bytesOf('zip64')));
    const shifted = readCentralDirectory(bytesSource(bytesOf('zip64-prefix')));
    expect(shifted.map((e) => e.localHeaderOffset - 333)).to.deep.equal(plain.map((e) => e.localHeaderOffset));
    expect(shifted.map((e) => e.endOffset - 333)).to.deep.equal(plain.map((e) => e.endOffset));
  });

  it('gives each member the room up to the next header, the last up to the directory', () => {
    const bytes = bytesOf('stored');
    const entries = readCentralDirectory(bytesSource(bytes));
    expect(entries[0]!.endOffset).to.equal(entries[1]!.localHeaderOffset);
    expect(entries[1]!.endOffset).to.equal(entries[2]!.localHeaderOffset);
    expect(u32(bytes, entries[2]!.endOffset)).to.equal(0x02014b50);
    expect(entries[0]!.centralOffset).to.equal(entries[2]!.endOffset);
  });
});

interface ManifestEntry {
  file: string;
  category: string;
  open: { ok: boolean; class?: string; message?: string };
  members: Record<string, { ok: boolean; class?: string; message?: string; type?: string; sha256?: string }>;
  zipinfo: {
    filename: string; orig_filename: string; flag_bits: number; compress_type: number; CRC: number;
    compress_size: number; file_size: number; header_offset: number;
  }[] | null;
}

/**
 * python-fixtures/npz (gen_npz.py): what numpy (CPython 3.11 zipfile) made
 * of each archive. npyio's zip layer must list the same ZipInfo fields, fail
 * to open where zipfile fails, and fail a member where zipfile does, except
 * for these, where npyio follows CPython 3.12 or is stricter (see zip-read.ts).
 */
const FIXTURE_DEVIATIONS: Record<string, Record<string, string>> = {
  'odd-bzip2.npz': { a: 'NotImplementedError', 'notes.txt': 'NotImplementedError' },
  'odd-lzma.npz': { a: 'NotImplementedError', 'notes.txt': 'NotImplementedError' },
  // Declared sizes past the next header: CPython 3.12's overlap check.
  'broken-size-larger.npz': { b: "BadZipFile: Overlapped entries: 'b.npy' (possible zip bomb)" },
  'broken-overlap-same-name.npz': { a: "BadZipFile: Overlapped entries: 'a.npy' (possible zip bomb)" },
  'broken-overlap-nested.npz': { a: "BadZipFile: Overlapped entries: 'a.npy' (possible zip bomb)" },
  'zip64-1tib.npz': { a: "BadZipFile: Overlapped entries: 'a.npy' (possible zip bomb)" },
  'zip64-1tib-bytes.npz': { 'notes.txt': "BadZipFile: Overlapped entries: 'notes.txt' (possible zip bomb)" },
  // Output past the declared size is refused whatever the CRC says.
  'broken-inflate-past-size.npz': { zeros: "BadZipFile: File 'zeros' inflates past its declared size of 100 bytes" },
  'broken-inflate-past-size-crc.npz': {
    zeros: "BadZipFile: File 'zeros' inflates past its declared size of 100 bytes",
    a: "BadZipFile: File 'a.npy' inflates past its declared size of 100 bytes",
  },
};

describe('zip-read: python-fixtures/npz (numpy with CPython 3.11 zipfile)', () => {
  const manifestPath = fixture('npz', 'manifest.json');
  const manifest: ManifestEntry[] = existsSync(manifestPath) ? readJSON<ManifestEntry[]>(manifestPath) : [];

  it('has the fixtures', function () {
    if (manifest.length === 0) this.skip();
    expect(manifest.length).to.be.greaterThan(50);
  });

  for (const m of manifest) {
    it(m.file, () => {
      const src = bytesSource(new Uint8Array(readFileSync(fixture('npz', m.file))));
      if (m.zipinfo === null) {
        const err = thrown(() => readCentralDirectory(src));
        expect(`${err.pythonType}: ${err.message}`).to.equal(`${m.open.class}: ${m.open.message}`);
        return;
      }
      const entries = readCentralDirectory(src);
      expect(entries.map((e) => [e.name, e.origName, e.flags, e.method, e.crc32, e.compressedSize, e.uncompressedSize, e.localHeaderOffset])).to.deep.equal(
        m.zipinfo.map((z) => [z.filename, z.orig_filename, z.flag_bits, z.compress_type, z.CRC, z.compress_size, z.file_size, z.header_offset]),
      );
      // numpy's keys: stripped names, then full names (which win); duplicates give the last entry.
      const byKey = new Map<string, ZipEntry>();
      for (const e of entries) byKey.set(e.name.endsWith('.npy') ? e.name.slice(0, -4) : e.name, e);
      for (const e of entries) byKey.set(e.name, e);
      for (const [key, outcome] of Object.entries(m.members)) {
        const entry = byKey.get(key.replace(/\|allow_pickle$/, ''));
        if (entry === undefined) continue; // numpy's KeyError cases
        const deviation = FIXTURE_DEVIATIONS[m.file]?.[key];
        const zipFailure = !outcome.ok && ZIP_ERRORS.has(outcome.class!);
        let got: string;
        try {
          const data = readMember(src, entry);
          got = 'ok';
          if (outcome.ok && outcome.type === 'bytes') expect(sha256(data), key).to.equal(outcome.sha256);
        } catch (e) {
          if (!(e instanceof NpyioError)) throw e;
          got = `${e.pythonType}: ${e.message}`;
        }
        if (deviation !== undefined) expect(got, key).to.satisfy((g: string) => g === deviation || g.startsWith(`${deviation}:`));
        else if (zipFailure) expect(got, key).to.equal(`${PY_TYPE[outcome.class!] ?? outcome.class}: ${outcome.message}`);
        else expect(got, key).to.equal('ok');
      }
    });
  }
});

describe('zip-read: reading', () => {
  it('reads the end records with one suffix read, and the directory from it', () => {
    const src = countingSource(bytesOf('deflated'));
    readCentralDirectory(src);
    expect(src.reads).to.deep.equal([[0, src.size]]);
  });

  it('reads at most 22 + 65535 bytes to find the end record, then the directory', () => {
    // The longest comment: the end record is the first 22 of the last 65557 bytes.
    const bytes = bytesOf('stored');
    const withComment = concatBytes([patched(bytes, bytes.length - 2, 2, 0xffff), new Uint8Array(0xffff).fill(0x43)]);
    const src = countingSource(withComment);
    const entries = readCentralDirectory(src);
    expect(entries.map((e) => e.name)).to.deep.equal(['a.npy', 'b.npy', 'empty.npy']);
    // The suffix, then what lies before it: the place of a zip64 locator, the directory.
    const eocd = bytes.length - 22;
    expect(src.reads).to.deep.equal([[withComment.length - 65557, 65557], [eocd - 20, 20], [entries[2]!.endOffset, eocd - entries[2]!.endOffset]]);
    expect(readMember(src, entries[1]!).length).to.equal(10);
    // One byte more of comment and the record is out of reach.
    const tooFar = concatBytes([withComment, Uint8Array.of(0x43)]);
    expectPyError(thrown(() => readCentralDirectory(bytesSource(tooFar))), { type: 'BadZipFile', message: 'File is not a zip file' }, 'too far');
  });

  it('returns stored members as views on the source bytes (no copy)', () => {
    const bytes = bytesOf('stored');
    const src = bytesSource(bytes);
    const [a] = readCentralDirectory(src);
    const data = readMember(src, a!);
    expect(data.buffer).to.equal(bytes.buffer);
    expect(data.byteOffset).to.be.greaterThan(0);
    expect(data.length).to.equal(152);
  });

  it('reads from a view with a byteOffset (a zip inside a bigger buffer)', () => {
    const bytes = bytesOf('deflated');
    const big = concatBytes([new Uint8Array(7).fill(9), bytes, new Uint8Array(3)]);
    const src = bytesSource(big.subarray(7, 7 + bytes.length));
    const py = CASES.deflated!.cpython.members!;
    readCentralDirectory(src).forEach((e, i) => expect(sha256(readMember(src, e))).to.equal(py[i]!.sha256));
  });

  it('uses the default inflater, which setInflater replaces', () => {
    const src = bytesSource(bytesOf('deflated'));
    const entries = readCentralDirectory(src);
    const seen: number[] = [];
    const previous = setInflater((c, n) => {
      seen.push(n);
      return fflateInflater(c, n);
    });
    try {
      expect(readMember(src, entries[1]!).length).to.equal(20000);
    } finally {
      expect(setInflater(previous)).to.not.equal(previous);
    }
    expect(seen).to.deep.equal([20000]);
    expect(getInflater()).to.equal(previous);
  });

  it('checks the CRC on every read', () => {
    const bytes = bytesOf('stored');
    const src = bytesSource(bytes);
    const entries = readCentralDirectory(src);
    expect(readMember(src, entries[0]!).length).to.equal(152);
    const bad = { ...entries[0]!, crc32: (entries[0]!.crc32 ^ 1) >>> 0 };
    const err = thrown(() => readMember(src, bad));
    expect([err.pythonType, err.message, err.member]).to.deep.equal(['BadZipFile', "Bad CRC-32 for file 'a.npy'", 'a.npy']);
    // The offset is where the member's data starts.
    expect(err.offset).to.equal(entries[0]!.localHeaderOffset + 30 + 5 + 20);
  });

  it('refuses a member declaring more than its deflate data can hold, before allocating', () => {
    const src = bytesSource(bytesOf('deflated'));
    const [a] = readCentralDirectory(src);
    for (const declared of [2 ** 40, 2 ** 53 + 2, MAX_DEFLATE_RATIO * a!.compressedSize + 1]) {
      let called = false;
      const err = thrown(() => readMember(src, { ...a!, uncompressedSize: declared }, () => ((called = true), new Uint8Array(0))));
      expect(err.message).to.equal(`File 'a.npy' inflates to less than its declared size of ${declared} bytes`);
      expect(called).to.equal(false);
    }
  });

  it('refuses a member whose header or data lies outside the source', () => {
    const bytes = bytesOf('stored');
    const src = bytesSource(bytes);
    const [a, b] = readCentralDirectory(src);
    const err1 = thrown(() => readMember(src, { ...a!, localHeaderOffset: bytes.length - 29 }));
    expect([err1.pythonType, err1.message, err1.member, err1.offset]).to.deep.equal(['BadZipFile', 'Truncated file header', 'a.npy', bytes.length - 29]);
    const err2 = thrown(() => readMember(src, { ...a!, localHeaderOffset: 2 ** 64 }));
    expect(err2.message).to.equal('Truncated file header');
    const err3 = thrown(() => readMember(src, { ...b!, compressedSize: 2 ** 40, endOffset: 2 ** 50 }));
    expect([err3.pythonType, err3.member]).to.deep.equal(['EOFError', 'b.npy']);
    const err4 = thrown(() => readMember(src, { ...b!, compressedSize: b!.compressedSize + 1 }));
    expect(err4.message).to.equal("Overlapped entries: 'b.npy' (possible zip bomb)");
  });

  it('checks what a custom inflater returns', () => {
    const src = bytesSource(bytesOf('deflated'));
    const [a] = readCentralDirectory(src);
    const tooLong = thrown(() => readMember(src, a!, (_c, n) => new Uint8Array(n + 1)));
    expect(tooLong.message).to.equal("File 'a.npy' inflates past its declared size of 152 bytes");
    const typeError = thrown(() => readMember(src, a!, () => { throw new TypeError('oops'); }));
    expect([typeError.pythonType, typeError.message]).to.deep.equal(['zlib.error', 'Error -3 while decompressing data: oops']);
    const rangeError = thrown(() => readMember(src, a!, () => { throw new RangeError('Array buffer allocation failed'); }));
    expect(rangeError).to.be.instanceOf(ArrayTooLargeError);
    expect(rangeError.pythonType).to.equal('MemoryError');
  });

  it('turns a source that reads short or throws RangeError into typed errors', () => {
    const bytes = bytesOf('stored');
    const short: ByteSource = { size: bytes.length, name: 'short', read: (o, n) => bytes.subarray(o, o + Math.max(0, n - 1)) };
    const err = thrown(() => readCentralDirectory(short));
    expect(err.pythonType).to.equal('EOFError');
    const huge: ByteSource = { size: bytes.length, name: 'huge', read: () => { throw new RangeError('Array buffer allocation failed'); } };
    expect(thrown(() => readCentralDirectory(huge))).to.be.instanceOf(ArrayTooLargeError);
  });

  it('decodes cp437 as Python does', () => {
    const all = new Uint8Array(256).map((_, i) => i);
    const s = decodeCp437(all);
    expect(s.length).to.equal(256);
    expect(s.slice(0, 128)).to.equal(String.fromCharCode(...all.subarray(0, 128)));
    // python3 -c "print(bytes(range(0x80, 0x90)).decode('cp437'), bytes([0xb0, 0xe0, 0xff]).decode('cp437'))"
    expect(s.slice(0x80, 0x90)).to.equal('ÇüéâäàåçêëèïîìÄÅ');
    expect(s[0xb0] + s[0xe0] + s[0xff]).to.equal('░α\u00a0');
  });

  it('reports UTF-8 errors in names with Python\'s message', () => {
    const bytes = bytesOf('names'); // first member: 'café.npy' with flag 0x800
    const entries = readCentralDirectory(bytesSource(bytes));
    const at = entries[0]!.centralOffset + 46;
    // python3 -c "b'caf\xe2\x82.npy'.decode()" and so on.
    const cases: [number, number[], string][] = [
      [3, [0xc3, 0x41], "'utf-8' codec can't decode byte 0xc3 in position 3: invalid continuation byte"],
      [3, [0xe2, 0x82], "'utf-8' codec can't decode bytes in position 3-4: invalid continuation byte"],
      [2, [0xed, 0xa0, 0x80], "'utf-8' codec can't decode byte 0xed in position 2: invalid continuation byte"],
      [7, [0xe2, 0x82], "'utf-8' codec can't decode bytes in position 7-8: unexpected end of data"],
      [0, [0xff], "'utf-8' codec can't decode byte 0xff in position 0: invalid start byte"],
    ];
    for (const [pos, patch, message] of cases) {
      // Overwrite part of the 9-byte name, keeping its length.
      const b = bytes.slice();
      b.set(patch, at + pos);
      const err = thrown(() => readCentralDirectory(bytesSource(b)));
      expect([err.pythonType, err.message, err.offset]).to.deep.equal(['UnicodeDecodeError', message, at + Number(message.match(/position (\d+)/)![1])]);
    }
  });
});

describe('inflate', () => {
  const data = new Uint8Array(100000).map((_, i) => (i * 7) % 251 ^ (i >> 9));
  const deflated = rawDeflate(data);

  for (const [iname, inflate] of INFLATERS) {
    describe(iname, () => {
      it('inflates to exactly the declared size', () => {
        const out = inflate(deflated, data.length);
        expect(out.length).to.equal(data.length);
        expect(crc32(out)).to.equal(crc32(data));
        expect(inflate(rawDeflate(new Uint8Array(0)), 0).length).to.equal(0);
        expect(inflate(new Uint8Array(0), 0).length).to.equal(0);
      });

      it('refuses output past the declared size, without producing it', () => {
        const err = thrown(() => inflate(deflated, data.length - 1));
        expect([err.pythonType, err.message]).to.deep.equal(['BadZipFile', `inflates past its declared size of ${data.length - 1} bytes`]);
        expect(thrown(() => inflate(rawDeflate(Uint8Array.of(1)), 0)).message).to.equal('inflates past its declared size of 0 bytes');
        // A stored block (level 0) past the end.
        expect(thrown(() => inflate(rawDeflate(data.subarray(0, 1000), 0), 999)).message).to.equal('inflates past its declared size of 999 bytes');
      });

      it('stops a bomb early: 64 MiB of zeros declared as 1000 bytes', () => {
        const bomb = rawDeflate(new Uint8Array(64 << 20), 9);
        expect(bomb.length).to.be.lessThan(100000);
        const t = performance.now();
        expect(thrown(() => inflate(bomb, 1000)).message).to.equal('inflates past its declared size of 1000 bytes');
        expect(performance.now() - t).to.be.lessThan(1000);
      });

      it('refuses output short of the declared size', () => {
        expect(thrown(() => inflate(deflated, data.length + 1)).message).to.equal(`inflates to less than its declared size of ${data.length + 1} bytes`);
        expect(thrown(() => inflate(deflated.subarray(0, deflated.length >> 1), data.length)).message).to.equal(
          `inflates to less than its declared size of ${data.length} bytes`,
        );
        expect(thrown(() => inflate(new Uint8Array(0), 5)).message).to.equal('inflates to less than its declared size of 5 bytes');
      });

      it("reports corrupt data as zlib's error -3", () => {
        const err = thrown(() => inflate(Uint8Array.of(0x07, 0, 0, 0), 10));
        expect([err.pythonType, err.message]).to.deep.equal(['zlib.error', 'Error -3 while decompressing data: invalid block type']);
      });

      it('ignores bytes after the end of the stream, as zlib does', () => {
        const trailing = concatBytes([deflated, Uint8Array.of(1, 2, 3, 4, 5)]);
        expect(crc32(inflate(trailing, data.length))).to.equal(crc32(data));
      });

      it('never lets a RangeError or TypeError out on garbage', () => {
        let seed = 7;
        const rand = () => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) >>> 16) & 0xff;
        for (let t = 0; t < 500; t++) {
          const junk = t % 2 ? deflated.slice(0, 200) : new Uint8Array(1 + (rand() % 200));
          for (let k = 0; k < 1 + (t % 5); k++) junk[rand() % junk.length] = rand();
          try {
            const out = inflate(junk, 10000);
            expect(out.length).to.equal(10000);
          } catch (e) {
            if (!(e instanceof NpyioError)) throw e;
          }
        }
      });
    });
  }

  it('nodeZlibInflater: maps node:zlib errors', () => {
    const failing = (err: object): Inflater =>
      nodeZlibInflater({ inflateRawSync: () => { throw Object.assign(new Error('boom'), err); } });
    const data = Uint8Array.of(1, 2, 3);
    const bad = thrown(() => failing({ code: 'Z_DATA_ERROR', errno: -3, message: 'invalid distance too far back' })(data, 10));
    expect([bad.pythonType, bad.message]).to.deep.equal(['zlib.error', 'Error -3 while decompressing data: invalid distance too far back']);
    expect(thrown(() => failing({ code: 'ERR_OUT_OF_RANGE' })(data, 10))).to.be.instanceOf(ArrayTooLargeError);
    expect(thrown(() => failing({ code: 'Z_MEM_ERROR', errno: -4 })(data, 10))).to.be.instanceOf(ArrayTooLargeError);
    expect(thrown(() => failing({ code: 'Z_BUF_ERROR', errno: -5 })(data, 10)).message).to.equal('inflates to less than its declared size of 10 bytes');
    // Small outputs get a buffer of their own, not a view on node's chunk.
    const small = nodeZlibInflater(zlib)(rawDeflate(Uint8Array.of(5, 6, 7)), 3);
    expect(small.buffer.byteLength).to.equal(3);
  });

  it('fflate: inflates in chunks when a one-shot inflate could run far past the size', () => {
    // Incompressible data: 1032x its compressed size is far beyond the declared size.
    let seed = 99;
    const noise = new Uint8Array(3 << 20).map(() => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) >>> 16) & 0xff);
    const compressed = rawDeflate(noise);
    expect(crc32(fflateInflater(compressed, noise.length))).to.equal(crc32(noise));
    expect(thrown(() => fflateInflater(compressed, noise.length - 1)).message).to.equal(`inflates past its declared size of ${noise.length - 1} bytes`);
    expect(thrown(() => fflateInflater(compressed.subarray(0, compressed.length - 10), noise.length)).message).to.equal(
      `inflates to less than its declared size of ${noise.length} bytes`,
    );
  });

  it('fflate: the chunked path agrees with node:zlib on mixed data, at every level', () => {
    // Runs, text, noise and float-like bytes, so blocks of every kind cross the chunk boundaries.
    let seed = 5;
    const rand = () => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) >>> 16) & 0xff;
    const parts: Uint8Array[] = [];
    for (let i = 0; i < 40; i++) {
      const n = 1000 + rand() * 300;
      const kind = i % 4;
      const p = new Uint8Array(n);
      if (kind === 0) p.fill(rand());
      else if (kind === 1) p.set(new TextEncoder().encode('the quick brown fox jumps over the lazy dog '.repeat(n / 44 + 1)).subarray(0, n));
      else if (kind === 2) for (let k = 0; k < n; k++) p[k] = rand();
      else new Float64Array(p.buffer, 0, n >> 3).forEach((_, k, a) => (a[k] = Math.sin(k / 10)));
      parts.push(p);
    }
    const data = concatBytes([...parts, ...parts, ...parts, ...parts]);
    for (const level of [0, 1, 6, 9]) {
      const compressed = rawDeflate(data, level);
      expect(MAX_DEFLATE_RATIO * compressed.length - data.length, 'takes the chunked path').to.be.greaterThan(1 << 20);
      expect(crc32(fflateInflater(compressed, data.length)), `level ${level}`).to.equal(crc32(data));
    }
  });
});

describe('bytesSource', () => {
  it('reads zero-copy subarrays and names the bytes', () => {
    const b = Uint8Array.of(1, 2, 3, 4, 5);
    const s = bytesSource(b);
    expect(s.size).to.equal(5);
    expect(s.name).to.equal('<5 bytes in memory>');
    expect(bytesSource(b, 'x.npz').name).to.equal('x.npz');
    const r = s.read(1, 3);
    expect([...r]).to.deep.equal([2, 3, 4]);
    expect(r.buffer).to.equal(b.buffer);
    expect(s.read(5, 0).length).to.equal(0);
  });

  it('throws a typed error for a range outside the bytes', () => {
    const s = bytesSource(new Uint8Array(4));
    for (const [o, n] of [[0, 5], [-1, 1], [3, 2], [0.5, 1], [NaN, 1]] as const) {
      expect(thrown(() => s.read(o, n))).to.be.instanceOf(NpyioError);
    }
  });
});

describe('zip-read: fuzz', () => {
  const INTERESTING = [0, 1, 0x7f, 0x80, 0xff, 0xffff, 0x10000, 0x7fffffff, 0x80000000, 0xfffffffe, 0xffffffff];

  function mutate(base: Uint8Array, rnd: () => number): Uint8Array {
    const int = (n: number) => Math.floor(rnd() * n);
    let b: Uint8Array = base.slice();
    const rounds = 1 + int(4);
    for (let r = 0; r < rounds; r++) {
      const at = int(b.length);
      switch (int(7)) {
        case 0: // random bytes
          for (let k = 0, n = 1 + int(4); k < n; k++) b[int(b.length)] = int(256);
          break;
        case 1: // an interesting 16-bit value
          if (at + 2 <= b.length) b = patched(b, at, 2, INTERESTING[int(INTERESTING.length)]! & 0xffff);
          break;
        case 2: // an interesting 32-bit value
          if (at + 4 <= b.length) b = patched(b, at, 4, INTERESTING[int(INTERESTING.length)]!);
          break;
        case 3: // truncate
          b = b.slice(0, at);
          break;
        case 4: // insert junk
          b = concatBytes([b.subarray(0, at), new Uint8Array(1 + int(40)).map(() => int(256)), b.subarray(at)]);
          break;
        case 5: // delete a range
          b = concatBytes([b.subarray(0, at), b.subarray(Math.min(b.length, at + 1 + int(40)))]);
          break;
        default: {
          // a small delta on a 32-bit field (offsets and sizes a little off)
          if (at + 4 <= b.length) b = patched(b, at, 4, (u32(b, at) + int(64) - 32) >>> 0);
        }
      }
    }
    return b;
  }

  it('throws only NpyioErrors on 4000 mutated archives (fixed seed), and returns only checked data', () => {
    const bases = ['stored', 'deflated', 'zip64', 'zip64-prefix', 'descriptor', 'names', 'comment', 'empty'].map(bytesOf);
    const rnd = seededRandom(20240611);
    let opened = 0;
    let readOk = 0;
    let readFailed = 0;
    const t = performance.now();
    for (let iter = 0; iter < 4000; iter++) {
      const bytes = mutate(bases[iter % bases.length]!, rnd);
      const src = bytesSource(bytes);
      let entries: ZipEntry[];
      try {
        entries = readCentralDirectory(src);
      } catch (e) {
        if (!(e instanceof NpyioError)) throw new Error(`iteration ${iter}: ${String(e)}`, { cause: e });
        continue;
      }
      opened++;
      const inflater = INFLATERS[iter % 2]![1];
      for (const entry of entries) {
        try {
          const data = readMember(src, entry, inflater);
          expect(data.length).to.equal(entry.uncompressedSize);
          expect(crc32(data)).to.equal(entry.crc32);
          readOk++;
        } catch (e) {
          if (!(e instanceof NpyioError)) throw new Error(`iteration ${iter}, member ${entry.name}: ${String(e)}`, { cause: e });
          expect(e.member).to.equal(entry.name);
          expect(e.offset).to.be.a('number');
          readFailed++;
        }
      }
    }
    // The mutations reach the members, and do not all break the archive.
    expect(opened).to.be.greaterThan(1000);
    expect(readOk).to.be.greaterThan(1000);
    expect(readFailed).to.be.greaterThan(300);
    expect(performance.now() - t).to.be.lessThan(15000);
  });
});

/*
 * The script that made CASES (python3 gen.py, CPython 3.11.7):
 *
 * """Zips for test/npz/zip-read.test.ts, made with CPython's zipfile, and what CPython does with each."""
 * import base64, hashlib, io, json, random, struct, sys, warnings, zipfile, zlib
 *
 * warnings.simplefilter('ignore')
 * rng = random.Random(1234)
 * NPY = b'\x93NUMPY\x01\x00v\x00' + b"{'descr': '<i8', 'fortran_order': False, 'shape': (3,), }".ljust(117) + b'\n' + struct.pack('<3q', 1, 2, 3)
 * BIG = (b'0123456789abcdef' * 1300)[:20000]
 * RAND = bytes(rng.getrandbits(8) for _ in range(600))
 *
 * def savez(members, compression=zipfile.ZIP_STORED, comment=b''):
 *     bio = io.BytesIO()
 *     with zipfile.ZipFile(bio, 'w', compression, allowZip64=True) as zf:
 *         for name, data in members:
 *             with zf.open(name, 'w', force_zip64=True) as f:
 *                 f.write(data)
 *         zf.comment = comment
 *     return bio.getvalue()
 *
 * def writestr(members, compression=zipfile.ZIP_DEFLATED):
 *     bio = io.BytesIO()
 *     with zipfile.ZipFile(bio, 'w', compression) as zf:
 *         for name, data in members:
 *             zf.writestr(name, data)
 *     return bio.getvalue()
 *
 * class Unseekable:
 *     def __init__(self): self.buf = bytearray()
 *     def write(self, b): self.buf += b; return len(b)
 *     def flush(self): pass
 *
 * def descriptor(members, compression):
 *     w = Unseekable()
 *     with zipfile.ZipFile(w, 'w', compression) as zf:
 *         for name, data in members:
 *             with zf.open(name, 'w', force_zip64=True) as f:
 *                 f.write(data)
 *     return bytes(w.buf)
 *
 * def zip64(members, compression):
 *     old = zipfile.ZIP64_LIMIT, zipfile.ZIP_FILECOUNT_LIMIT
 *     zipfile.ZIP64_LIMIT, zipfile.ZIP_FILECOUNT_LIMIT = 64, 1
 *     try:
 *         return writestr(members, compression)
 *     finally:
 *         zipfile.ZIP64_LIMIT, zipfile.ZIP_FILECOUNT_LIMIT = old
 *
 * # ---- byte surgery ----
 * def eocd(z):
 *     return z.rfind(b'PK\x05\x06')
 *
 * def cd_records(z):
 *     """Offsets of the central records (no concat, no zip64 end record)."""
 *     e = eocd(z)
 *     size, off = struct.unpack_from('<LL', z, e + 12)
 *     if z[e - 20:e - 16] == b'PK\x06\x07':
 *         size, off = struct.unpack_from('<QQ', z, e - 20 - 56 + 40)
 *         start = e - 76 - size
 *     else:
 *         start = e - size
 *     out, p = [], start
 *     while p < start + size:
 *         n, x, c = struct.unpack_from('<HHH', z, p + 28)
 *         out.append(p)
 *         p += 46 + n + x + c
 *     return out
 *
 * def local_offset(z, rec):
 *     return struct.unpack_from('<L', z, rec + 42)[0]
 *
 * def patch(z, at, fmt, *vals):
 *     b = bytearray(z)
 *     struct.pack_into(fmt, b, at, *vals)
 *     return bytes(b)
 *
 * def replace_all(z, old, new):
 *     assert len(old) == len(new)
 *     return z.replace(old, new)
 *
 * def outcome(z):
 *     try:
 *         zf = zipfile.ZipFile(io.BytesIO(z))
 *     except Exception as e:
 *         return {'open': {'type': type(e).__name__, 'message': str(e)}}
 *     members = []
 *     for info in zf.infolist():
 *         m = {'name': info.filename, 'origName': info.orig_filename, 'flags': info.flag_bits, 'method': info.compress_type,
 *              'crc32': info.CRC, 'compressedSize': info.compress_size, 'uncompressedSize': info.file_size,
 *              'localHeaderOffset': info.header_offset}
 *         try:
 *             unique = sum(i.filename == info.filename for i in zf.infolist()) == 1
 *             data = zf.open(info.filename if unique else info).read()
 *             m['sha256'] = hashlib.sha256(data).hexdigest()
 *             m['length'] = len(data)
 *         except Exception as e:
 *             m['error'] = {'type': type(e).__name__, 'message': str(e)}
 *         members.append(m)
 *     return {'members': members}
 *
 * cases = {}
 * def case(name, z, about):
 *     cases[name] = {'about': about, 'b64': base64.b64encode(z).decode(), 'cpython': outcome(z)}
 *
 * stored = savez([('a.npy', NPY), ('b.npy', b'not an npy'), ('empty.npy', b'')])
 * deflated = savez([('a.npy', NPY), ('big.npy', BIG), ('rand.bin', RAND), ('empty.npy', b'')], zipfile.ZIP_DEFLATED)
 * case('stored', stored, 'np.savez style: stored, force_zip64 local headers')
 * case('deflated', deflated, 'np.savez_compressed style: deflate, force_zip64 local headers')
 * case('writestr', writestr([('x.npy', NPY), ('y.txt', b'hello ' * 50)]), 'ZipFile.writestr, deflate, no zip64')
 * case('comment', savez([('a.npy', NPY)], comment=b'an archive comment PK\x05 with a partial signature'), 'archive comment')
 * case('prefix', b'#!/bin/sh\necho data in front of the zip\n' + stored, 'data in front: offsets shift by concat')
 * z64 = zip64([('a.npy', NPY), ('big.npy', BIG), ('c.npy', b'c' * 100)], zipfile.ZIP_DEFLATED)
 * case('zip64', z64, 'zip64 end record, locator and extras (ZIP64_LIMIT lowered to 64)')
 * case('zip64-prefix', b'P' * 333 + z64, 'zip64 archive with data in front')
 * case('zip64-stored', zip64([('a.npy', NPY), ('b.npy', b'b' * 200)], zipfile.ZIP_STORED), 'zip64 extras, stored')
 * case('descriptor', descriptor([('a.npy', NPY), ('big.npy', BIG)], zipfile.ZIP_DEFLATED), 'written to an unseekable stream: data descriptors, flag 0x08')
 * case('descriptor-stored', descriptor([('a.npy', NPY)], zipfile.ZIP_STORED), 'unseekable stream, stored')
 * case('empty', savez([]), 'no members: the 22-byte zip')
 * case('duplicates', savez([('a.npy', b'first'), ('a.npy', b'second')]), 'two members named a.npy')
 * names = savez([('café.npy', b'utf8'), ('cafX.npy', b'cp437'), ('aXb.npy', b'nul'), ('dir/', b''), ('dir/sub.npy', NPY)])
 * names = replace_all(names, b'cafX.npy', b'caf\x82.npy')
 * names = replace_all(names, b'aXb.npy', b'a\x00b.npy')
 * case('names', names, 'UTF-8 name (flag 0x800), cp437 name, a name with a NUL, a directory')
 *
 * # ---- broken ----
 * case('not-zip', b'hello, this is not a zip file at all, just text', 'no end record')
 * case('pk34', b'PK\x03\x04', 'four bytes')
 * case('eocd-cut', stored[:-5], 'end record cut short')
 * recs = cd_records(stored)
 * case('bad-central-sig', patch(stored, recs[1], '<L', 0x02014b51), 'second central record signature broken')
 * e = eocd(stored)
 * cdsize = struct.unpack_from('<L', stored, e + 12)[0]
 * junk = stored[:e] + b'J' * 10 + stored[e:]
 * junk = patch(junk, e + 10 + 12, '<L', cdsize + 10)
 * case('truncated-central', junk, 'directory size claims 10 bytes of junk after the last record')
 * case('bad-cd-offset', patch(stored, e + 12, '<L', e + 100), 'directory larger than what precedes the end record')
 * case('bad-local-sig', patch(stored, local_offset(stored, recs[0]), '<L', 0x04034b51), 'first local header signature broken')
 * lo = local_offset(stored, recs[0])
 * case('name-differ', patch(stored, lo + 30, '<5s', b'z.npy'), 'local header names z.npy, directory a.npy')
 * flags = struct.unpack_from('<H', stored, recs[0] + 8)[0]
 * case('encrypted', patch(stored, recs[0] + 8, '<H', flags | 1), 'directory sets the encrypted flag')
 * case('patched-data', patch(stored, recs[0] + 8, '<H', flags | 0x20), 'flag bit 5')
 * case('method-99', patch(stored, recs[0] + 10, '<H', 99), 'compression method 99')
 * case('method-bzip2', patch(stored, recs[0] + 10, '<H', 12), 'bzip2 in the directory, stored data (CPython fails in bz2)')
 * case('version-64', patch(stored, recs[0] + 6, '<B', 64), 'needs version 6.4 to extract')
 * data_at = lo + 30 + 5 + struct.unpack_from('<H', stored, lo + 28)[0]
 * case('bad-crc-stored', patch(stored, data_at + 20, '<B', stored[data_at + 20] ^ 1), 'a flipped data byte')
 * drecs = cd_records(deflated)
 * crc = struct.unpack_from('<L', deflated, drecs[1] + 16)[0]
 * case('bad-crc-deflated', patch(deflated, drecs[1] + 16, '<L', crc ^ 0x80000000), 'directory CRC wrong')
 * dlo = local_offset(deflated, drecs[0])
 * ddata = dlo + 30 + 5 + struct.unpack_from('<H', deflated, dlo + 28)[0]
 * case('corrupt-deflate', patch(deflated, ddata, '<B', 0x07), 'first deflate block has type 3')
 * case('declared-smaller-deflate', patch(deflated, drecs[1] + 24, '<L', 19999), 'big.npy declares one byte less than it inflates to')
 * case('declared-larger-deflate', patch(deflated, drecs[1] + 24, '<L', 20001), 'big.npy declares one byte more than it inflates to')
 * case('declared-larger-stored', patch(stored, recs[1] + 24, '<L', 11), 'b.npy stored, declares 11 of its 10 bytes')
 * case('header-past-end', patch(stored, recs[2] + 42, '<L', len(stored) + 10), 'local header offset past the end')
 * case('bad-utf8-name', patch(patch(stored, recs[0] + 8, '<H', flags | 0x800), recs[0] + 46, '<B', 0xff), 'flag 0x800, name starts with 0xff')
 * # The first member's data runs into the second's header: CPython 3.11.7 reads it, 3.12 refuses it.
 * csz = struct.unpack_from('<L', stored, recs[0] + 20)[0]
 * case('overlap', patch(patch(stored, recs[0] + 20, '<L', csz + 40), recs[0] + 24, '<L', csz + 40), 'a.npy claims 40 more bytes')
 * # Two directory records for one local header.
 * r0 = stored[recs[0]:recs[1]]
 * e = eocd(stored)
 * cdsize, cdoff = struct.unpack_from('<LL', stored, e + 12)
 * dup = stored[:e] + r0 + stored[e:]
 * dup = patch(dup, e + len(r0) + 8, '<HHLL', 4, 4, cdsize + len(r0), cdoff)
 * case('same-header', dup, 'two directory records point at a.npy')
 * case('negative-concat', patch(stored, eocd(stored) + 16, '<L', struct.unpack_from('<L', stored, eocd(stored) + 16)[0] + 100), 'end record puts the directory 100 bytes later than it is')
 * # zip64 locator with 2 disks
 * e64 = eocd(z64)
 * case('multi-disk', patch(z64, e64 - 20 + 16, '<L', 2), 'zip64 locator says 2 disks')
 * zrecs = cd_records(z64)
 * xl = struct.unpack_from('<H', z64, zrecs[1] + 30)[0]
 * case('corrupt-extra', patch(z64, zrecs[1] + 46 + 7 + 2, '<H', xl), 'big.npy extra field length runs past the extra')
 * # tp=1 with no data and the file size marked zip64
 * zx = io.BytesIO()
 * with zipfile.ZipFile(zx, 'w') as zf:
 *     zi = zipfile.ZipInfo('a.npy')
 *     zi.extra = b'\x01\x00\x00\x00'
 *     zf.writestr(zi, b'data')
 * zx = zx.getvalue()
 * case('zip64-extra-missing', patch(zx, cd_records(zx)[0] + 24, '<L', 0xFFFFFFFF), 'size 0xFFFFFFFF, zip64 extra field empty')
 *
 * print('{')
 * for k, v in cases.items():
 *     print(' ' + json.dumps(k) + ': ' + json.dumps(v, ensure_ascii=False) + ',')
 * print('}')
 */
