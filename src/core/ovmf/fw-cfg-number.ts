/**
 * How OVMF reads a number from an fw_cfg file such as opt/ovmf/X-PciMmio64Mb (shared/spec/ovmf.md §2.3).
 * The input is the file's raw content as QEMU passes it (`-fw_cfg name=…,string=…` adds no NUL).
 */

export type FwCfgNumber =
  /** The file is absent. */
  | { readonly status: 'absent' }
  | { readonly status: 'parsed'; readonly value: bigint }
  /** RETURN_PROTOCOL_ERROR: OVMF logs it as malformed and keeps its default. */
  | { readonly status: 'malformed' }
  /** RETURN_UNSUPPORTED (a decimal that overflows 64 bits): the caller treats it like an absent file. */
  | { readonly status: 'unsupported' };

const MAX_UINT64 = (1n << 64n) - 1n;
/** `sizeof Uint64String`: UINT64_STRING_MAX_SIZE (sizeof "18446744073709551615" = 21) + CRLF_LENGTH (2). */
const UINT64_BUFFER_SIZE = 23;

// Made once: every plan of a pool sweep reads the knob. The decoder, slower to make, waits for its first use.
const UTF8 = new TextEncoder();
let latin1: InstanceType<typeof TextDecoder> | undefined;

function bytesOf(raw: string): Uint8Array {
  return UTF8.encode(raw);
}

/**
 * QemuFwCfgParseUint64WithLimit(ParseAsHex = FALSE) from OvmfPkg/Library/QemuFwCfgSimpleParserLib (≥ 202005).
 * QemuFwCfgParseUint32 passes limit = MAX_UINT32.
 */
export function parseFwCfgDecimal(raw: string | null, limit: bigint): FwCfgNumber {
  if (raw === null) return { status: 'absent' };
  const bytes = bytesOf(raw);
  // QemuFwCfgGetAsString: the content plus a NUL must fit the 23-byte buffer, unless it already ends in NUL.
  const endsInNul = bytes.length > 0 && bytes[bytes.length - 1] === 0;
  if (bytes.length > UINT64_BUFFER_SIZE || (!endsInNul && bytes.length === UINT64_BUFFER_SIZE)) {
    return { status: 'malformed' };
  }
  let text = cString(bytes);
  // StripNewline: one trailing "\r\n" or "\n".
  if (text.endsWith('\r\n')) text = text.slice(0, -2);
  else if (text.endsWith('\n')) text = text.slice(0, -1);
  const parsed = decimalToUint64S(text);
  if (parsed.overflow) return { status: 'unsupported' };
  // Empty subject sequence, trailing garbage, or above the limit (a whitespace-only string is 0: EndPointer moved).
  if (parsed.end === 0 || parsed.end !== text.length || parsed.value > limit) return { status: 'malformed' };
  return { status: 'parsed', value: parsed.value };
}

/** The C string in a buffer: everything before the first NUL. */
function cString(bytes: Uint8Array): string {
  const nul = bytes.indexOf(0);
  latin1 ??= new TextDecoder('latin1');
  return latin1.decode(nul === -1 ? bytes : bytes.subarray(0, nul));
}

/**
 * BaseLib AsciiStrDecimalToUint64S: skips spaces and tabs, then leading zeros, then reads digits. `end` is the
 * EndPointer offset (0 when nothing at all was consumed).
 */
function decimalToUint64S(text: string): { value: bigint; end: number; overflow: boolean } {
  let i = 0;
  while (text[i] === ' ' || text[i] === '\t') i++;
  while (text[i] === '0') i++;
  let value = 0n;
  for (; i < text.length && text[i]! >= '0' && text[i]! <= '9'; i++) {
    value = value * 10n + BigInt(text.charCodeAt(i) - 48);
    if (value > MAX_UINT64) return { value: MAX_UINT64, end: i, overflow: true };
  }
  return { value, end: i, overflow: false };
}

/** The raw file must be < 8 bytes (`CHAR8 MbString[7 + 1]`) before edk2-stable202005 (7e5b1b670c). */
const LEGACY_BUFFER_SIZE = 8;

/**
 * The pre-202005 reading: the raw file, if shorter than 8 bytes, through AsciiStrDecimalToUint64, which stops at the
 * first non-digit, so "0x10000" reads as 0 (ovmf.md §2.3, vector 9b).
 */
export function parseLegacyDecimal(raw: string | null): FwCfgNumber {
  if (raw === null) return { status: 'absent' };
  const bytes = bytesOf(raw);
  if (bytes.length >= LEGACY_BUFFER_SIZE) return { status: 'malformed' };
  return { status: 'parsed', value: decimalToUint64S(cString(bytes)).value };
}
