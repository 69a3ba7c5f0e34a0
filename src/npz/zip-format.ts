/**
 * The zip record signatures and fixed sizes (APPNOTE 4.3): one place for the
 * reader, the writer, the audit's relaxed walk and `npyio inspect`.
 * Signatures are the little-endian u32 of 'PK\x03\x04' and so on.
 */
export const LOCAL_SIG = 0x04034b50;
export const LOCAL_SIZE = 30;
export const CENTRAL_SIG = 0x02014b50;
export const CENTRAL_SIZE = 46;
export const EOCD_SIG = 0x06054b50;
export const EOCD_SIZE = 22;
export const EOCD64_SIG = 0x06064b50;
export const EOCD64_SIZE = 56;
export const LOCATOR64_SIG = 0x07064b50;
export const LOCATOR64_SIZE = 20;
/** The longest archive comment (its length is a u16). */
export const MAX_COMMENT = 0xffff;
