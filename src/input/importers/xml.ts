/**
 * Safe XML reading for the importers: libvirt documents (domain XML, virsh capabilities) as a small ordered tree.
 * Entity expansion is off: a DOCTYPE or an entity declaration is refused before parsing (billion laughs, external
 * entities), only XML's five predefined entities and character references are decoded, and the input size and the
 * nesting depth are bounded. The text is only read, never modified.
 */
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { type InputError, inputError, isInputError } from '../input-error.js';
import { tableEntry } from '../table-entry.js';

export interface XmlElement {
  /** the qualified name as written (`qemu:commandline`) */
  readonly name: string;
  readonly attrs: Readonly<Record<string, string>>;
  readonly children: readonly XmlElement[];
  /** the element's own text (not its descendants'), trimmed */
  readonly text: string;
}

/** libvirt documents are kilobytes (a 512-CPU host's capabilities about 200 KiB); anything near this is not one. */
export const MAX_XML_CHARS = 4 * 1024 * 1024;
/** libvirt nests about 8 deep. */
const MAX_DEPTH = 64;

const PREDEFINED: Readonly<Record<string, string>> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

/** A libvirt document of the kind `producer` writes: its root element, which must be `root`, or one line naming the source. */
export function parseLibvirtXml(text: string, source: string, root: string, producer: string): XmlElement | InputError {
  const element = parseXml(text, source);
  if (isInputError(element) || element.name === root) return element;
  return inputError(source, `the root element is <${element.name}>, not <${root}> (the output of ${producer})`);
}

/** The document's root element, or a one-line error naming the source. */
export function parseXml(text: string, source: string): XmlElement | InputError {
  if (text.length > MAX_XML_CHARS) return inputError(source, `is larger than ${MAX_XML_CHARS / 1024 / 1024} MiB, which no libvirt document is`);
  const refused = refusedDeclaration(text);
  if (refused) return inputError(source, refused);
  const valid = XMLValidator.validate(text);
  if (valid !== true) return inputError(source, `is not well-formed XML (line ${valid.err.line}: ${valid.err.msg})`);
  let parsed: unknown[];
  try {
    parsed = new XMLParser({
      preserveOrder: true,
      ignoreAttributes: false,
      attributeNamePrefix: '',
      parseTagValue: false,
      parseAttributeValue: false,
      processEntities: false,
      htmlEntities: false,
      ignoreDeclaration: true,
      ignorePiTags: true,
      cdataPropName: '#cdata',
      trimValues: true,
      maxNestedTags: MAX_DEPTH,
    }).parse(text) as unknown[];
  } catch (error) {
    return inputError(source, `is not readable XML (${(error as Error).message})`);
  }
  const roots = parsed.filter((node) => elementName(node) !== null);
  if (roots.length !== 1) return inputError(source, roots.length === 0 ? 'has no XML root element' : 'has more than one XML root element');
  try {
    return toElement(roots[0]!);
  } catch (error) {
    if (error instanceof EntityError) return inputError(source, error.message);
    throw error;
  }
}

/** Why a DOCTYPE or an entity declaration is refused; null when there is none. */
function refusedDeclaration(text: string): string | null {
  const external = /<!ENTITY\s+%?\s*([^\s"'>]+)\s+(SYSTEM|PUBLIC)\s+(?:"[^"]*"\s*)?("[^"]*"|'[^']*')/.exec(text);
  if (external) {
    return `declares an external entity (${external[1]} ${external[2]} ${external[3]}): entities are never expanded, so the document is refused`;
  }
  if (/<!ENTITY/.test(text)) return 'declares entities: entity expansion is off (it is how billion-laughs documents explode), so the document is refused';
  if (/<!DOCTYPE/.test(text)) return 'has a DOCTYPE, which libvirt never writes: refused (entity expansion is off)';
  return null;
}

class EntityError extends Error {}

function elementName(node: unknown): string | null {
  if (typeof node !== 'object' || node === null) return null;
  const key = Object.keys(node).find((k) => k !== ':@');
  return key === undefined || key.startsWith('#') || key.startsWith('?') ? null : key;
}

function toElement(node: unknown): XmlElement {
  const name = elementName(node)!;
  const record = node as Record<string, unknown>;
  const attrs: Record<string, string> = {};
  for (const [key, value] of Object.entries((record[':@'] as Record<string, unknown> | undefined) ?? {})) attrs[key] = decode(String(value));
  const children: XmlElement[] = [];
  const text: string[] = [];
  for (const child of (record[name] as unknown[] | undefined) ?? []) {
    const childRecord = child as Record<string, unknown>;
    if ('#text' in childRecord) text.push(decode(String(childRecord['#text'])));
    else if ('#cdata' in childRecord) text.push(cdataText(childRecord['#cdata']));
    else if (elementName(child) !== null) children.push(toElement(child));
  }
  return { name, attrs, children, text: text.join('').trim() };
}

function cdataText(value: unknown): string {
  return Array.isArray(value) ? value.map((v) => String((v as Record<string, unknown>)['#text'] ?? '')).join('') : String(value);
}

/** XML's predefined entities and character references; anything else is an undeclared entity. */
function decode(raw: string): string {
  return raw.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|[A-Za-z_][\w.-]*);/g, (whole, ref: string) => {
    if (ref.startsWith('#')) {
      const code = ref.startsWith('#x') ? Number.parseInt(ref.slice(2), 16) : Number.parseInt(ref.slice(1), 10);
      if (code > 0x10ffff) throw new EntityError(`uses the character reference ${whole}, which is not a Unicode character`);
      return String.fromCodePoint(code);
    }
    const predefined = tableEntry(PREDEFINED, ref);
    if (predefined === undefined) throw new EntityError(`uses the undeclared entity ${whole} (entities are never expanded)`);
    return predefined;
  });
}

/** The first child element of this name. */
export function child(element: XmlElement | undefined, name: string): XmlElement | undefined {
  return element?.children.find((c) => c.name === name);
}

/** Every child element of this name, in document order. */
export function childrenNamed(element: XmlElement | undefined, name: string): XmlElement[] {
  return element?.children.filter((c) => c.name === name) ?? [];
}
