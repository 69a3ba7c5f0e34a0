/**
 * `npyio inspect FILE...`: what the headers say, and nothing beyond them
 * is read. An .npy: its preamble and header. An archive: its central
 * directory, then for each member that is an .npy its header only (a stored
 * member's first bytes read in place; a deflated one inflated a chunk at a
 * time until the header is out, at most MAX_PREFIX bytes). A pickle: its
 * first PROTO and its size.
 */
import { Inflate } from 'fflate';
import { NpyFormatError, NpyioError, ZipFormatError } from '../errors.js';
import { concatBytes } from '../io/concat.js';
import { runPlanSync, type SourceInfo } from '../io/plan.js';
import type { ByteSource } from '../io/source.js';
import { sniff } from '../load.js';
import { fileSource } from '../node/files.js';
import { MAGIC, MAX_HEADER_SIZE, type NpyHeader } from '../npy/header.js';
import { headerPlan } from '../npy/read.js';
import { localDataPlan, readCentralDirectory, type ZipEntry } from '../npz/zip-read.js';
import { dtypeRepr } from '../format/pyvalue-repr.js';
import { shapeRepr } from '../format/dtyperepr.js';
import type { ParsedArgs } from './args.js';
import type { Command, CommandContext } from './command.js';

export interface NpyHeaderInfo {
  version: string;
  headerLength: number;
  /** numpy's `dtype.str` ('<f8') and repr (dtype('float64')). */
  dtype: { str: string; repr: string };
  shape: number[];
  order: 'C' | 'F';
  dataOffset: number;
  dataBytes: number;
  itemsize: number;
}

export interface NpyFileInfo extends NpyHeaderInfo {
  kind: 'npy';
  file: string;
  fileSize: number;
  /** Whether the file holds exactly the data the header declares (object arrays: null, a pickle has no fixed size). */
  sizeMatches: boolean | null;
}

export interface MemberInfo {
  name: string;
  method: string;
  compressedSize: number;
  uncompressedSize: number;
  /** CRC-32 from the central directory, as 0x%08x (not checked: the data is not read). */
  crc32: string;
  localHeaderOffset: number;
  /** The member's .npy header, when it starts with the .npy magic. */
  npy?: NpyHeaderInfo;
  /** Why the header could not be read. */
  error?: string;
}

export interface ZipFileInfo {
  kind: 'npz';
  file: string;
  fileSize: number;
  members: MemberInfo[];
}

export interface PickleFileInfo {
  kind: 'pickle';
  file: string;
  fileSize: number;
  /** The argument of a leading PROTO; null when there is none (protocol 0 or 1). */
  protocol: number | null;
}

export type FileInfo = NpyFileInfo | ZipFileInfo | PickleFileInfo;

/** The most bytes of a deflated member inflated to find its header: a header numpy accepts is far smaller. */
export const MAX_PREFIX = 1 << 20;
/** Compressed bytes fed to the inflater at a time, so little more than the header is inflated. */
const CHUNK = 4096;
const METHODS: Record<number, string> = { 0: 'stored', 8: 'deflate', 9: 'deflate64', 12: 'bzip2', 14: 'lzma', 93: 'zstd' };

function headerInfo(h: NpyHeader): NpyHeaderInfo {
  return {
    version: `${h.version[0]}.${h.version[1]}`,
    headerLength: h.headerLength,
    dtype: { str: h.dtype.str, repr: dtypeRepr(h.dtype) },
    shape: h.shape,
    order: h.order,
    dataOffset: h.dataOffset,
    dataBytes: h.dataLength,
    itemsize: h.dtype.itemsize,
  };
}

function readHeader(size: number, read: (offset: number, length: number) => Uint8Array, maxHeaderSize: number): NpyHeader {
  const info: SourceInfo = { size, kind: 'stream', freshBuffers: false };
  return runPlanSync(headerPlan(info, { maxHeaderSize }), read);
}

/** Where a member's data starts: its local header checked as the reader checks it. */
function dataStart(src: ByteSource, e: ZipEntry): number {
  return runPlanSync(localDataPlan(src.size, e), (o, n) => src.read(o, n));
}

/** A reader of a deflated member's first bytes: inflates chunk by chunk only as far as a read asks. */
function inflatingReader(src: ByteSource, e: ZipEntry, at: number): (offset: number, length: number) => Uint8Array {
  const parts: Uint8Array[] = [];
  let have = 0;
  let fed = 0;
  const available = Math.min(e.compressedSize, src.size - at);
  const inflater = new Inflate((chunk) => {
    parts.push(chunk);
    have += chunk.length;
  });
  return (offset, length) => {
    const end = offset + length;
    if (end > MAX_PREFIX) {
      throw new NpyFormatError(`the .npy header asks for ${end} bytes; inspect inflates at most ${MAX_PREFIX}`, { offset: at, member: e.name });
    }
    while (have < end && fed < available) {
      const n = Math.min(CHUNK, available - fed);
      try {
        inflater.push(src.read(at + fed, n), fed + n === available);
      } catch (err) {
        throw new ZipFormatError(`Error -3 while decompressing data: ${(err as Error).message}`, { offset: at + fed, member: e.name, pythonType: 'BadZipFile', cause: err });
      }
      fed += n;
    }
    const all = parts.length === 1 ? parts[0]! : concatBytes(parts);
    parts.splice(0, parts.length, all);
    return all.subarray(offset, Math.min(end, all.length));
  };
}

function memberInfo(src: ByteSource, e: ZipEntry, maxHeaderSize: number): MemberInfo {
  const info: MemberInfo = {
    name: e.name,
    method: METHODS[e.method] ?? `method ${e.method}`,
    compressedSize: e.compressedSize,
    uncompressedSize: e.uncompressedSize,
    crc32: `0x${e.crc32.toString(16).padStart(8, '0')}`,
    localHeaderOffset: e.localHeaderOffset,
  };
  try {
    const at = dataStart(src, e);
    let read: (offset: number, length: number) => Uint8Array;
    if (e.method === 0) read = (offset, length) => src.read(at + offset, Math.max(0, Math.min(length, src.size - at - offset)));
    else if (e.method === 8) read = inflatingReader(src, e, at);
    else return info;
    const magic = read(0, Math.min(MAGIC.length, e.uncompressedSize));
    if (magic.length === MAGIC.length && MAGIC.every((b, i) => magic[i] === b)) {
      info.npy = headerInfo(readHeader(e.uncompressedSize, read, maxHeaderSize));
    }
  } catch (err) {
    if (!(err instanceof NpyioError)) throw err;
    info.error = `${err.name}: ${err.message.replace(/\s*\n\s*/g, ' ')}`;
  }
  return info;
}

/** What the headers of `src` say; reads the headers and nothing else. */
export function inspectSource(src: ByteSource, file: string, maxHeaderSize = MAX_HEADER_SIZE): FileInfo {
  const head = src.read(0, Math.min(MAGIC.length, src.size));
  const fileSize = src.size;
  switch (sniff(head)) {
    case 'npy': {
      const h = readHeader(fileSize, (o, n) => src.read(o, n), maxHeaderSize);
      const sizeMatches = h.dtype.hasObject ? null : fileSize === h.dataOffset + h.dataLength;
      return { kind: 'npy', file, fileSize, ...headerInfo(h), sizeMatches };
    }
    case 'npz':
      return { kind: 'npz', file, fileSize, members: readCentralDirectory(src).map((e) => memberInfo(src, e, maxHeaderSize)) };
    case 'pickle':
      return { kind: 'pickle', file, fileSize, protocol: head.length >= 2 && head[0] === 0x80 ? head[1]! : null };
  }
}

function npyLines(h: NpyHeaderInfo, indent: string): string[] {
  return [
    `version ${h.version}, header length ${h.headerLength}, data offset ${h.dataOffset}`,
    `dtype ${h.dtype.str} ${h.dtype.repr}, itemsize ${h.itemsize}`,
    `shape ${shapeRepr(h.shape)}, order ${h.order}, data bytes ${h.dataBytes}`,
  ].map((l) => indent + l);
}

/** The text form: a title line per file, then indented facts. */
export function inspectText(info: FileInfo, ctx: Pick<CommandContext, 'colour'>): string {
  const title = (s: string) => ctx.colour.paint('bold', s);
  switch (info.kind) {
    case 'npy': {
      const lines = [title(`${info.file}: .npy, ${info.fileSize} bytes`), ...npyLines(info, '  ')];
      if (info.sizeMatches === false) {
        lines.push(ctx.colour.paint('red', `  file size ${info.fileSize} does not match: the header declares ${info.dataOffset + info.dataBytes}`));
      } else if (info.sizeMatches) lines.push('  file size matches the header');
      else lines.push('  object array: the data is a pickle');
      return lines.join('\n');
    }
    case 'npz': {
      const lines = [title(`${info.file}: zip archive, ${info.fileSize} bytes, ${info.members.length} member${info.members.length === 1 ? '' : 's'}`)];
      for (const m of info.members) {
        lines.push(`  ${ctx.colour.paint('cyan', m.name)}: ${m.method}, ${m.compressedSize} -> ${m.uncompressedSize} bytes, crc32 ${m.crc32}, local header at ${m.localHeaderOffset}`);
        if (m.npy !== undefined) lines.push(...npyLines(m.npy, '    '));
        else if (m.error !== undefined) lines.push(ctx.colour.paint('red', `    ${m.error}`));
        else lines.push('    not an .npy');
      }
      return lines.join('\n');
    }
    case 'pickle':
      return [
        title(`${info.file}: pickle, ${info.fileSize} bytes`),
        `  protocol ${info.protocol ?? '0 or 1 (no PROTO opcode)'}`,
      ].join('\n');
  }
}

function run(args: ParsedArgs, ctx: CommandContext): void {
  const maxHeaderSize = args.integer('max-header-size') ?? MAX_HEADER_SIZE;
  const infos: FileInfo[] = [];
  for (const file of args.positionals) {
    const src = fileSource(file);
    try {
      infos.push(inspectSource(src, file, maxHeaderSize));
    } finally {
      src.close?.();
    }
  }
  if (args.flag('json')) ctx.out(JSON.stringify(infos.length === 1 && args.positionals.length === 1 ? infos[0] : infos, null, 1));
  else ctx.out(infos.map((i) => inspectText(i, ctx)).join('\n\n'));
}

export const inspect: Command = {
  name: 'inspect',
  summary: 'print what the headers of each FILE say, reading nothing beyond them',
  description:
    'An .npy: version, header length, dtype, shape, order, data offset and size, and whether the\n' +
    'file size matches. An archive: every member with its method, sizes, CRC-32 and offset, and the\n' +
    '.npy header of members that are arrays. A pickle: its protocol and size.',
  positional: { name: 'FILE', many: true },
  options: [
    { name: 'json', help: 'print JSON (one object per file; a list for several files)' },
    { name: 'max-header-size', value: 'N', integer: true, help: "numpy's max_header_size (default 10000)" },
  ],
  run,
};
