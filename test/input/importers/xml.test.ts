/** parseXml: libvirt documents as a small tree, with entity expansion off and bounded size and depth. */
import { describe, expect, it } from 'vitest';
import { MAX_XML_CHARS, child, childrenNamed, parseXml } from '../../../src/input/importers/xml.js';
import { errorOf, fixture, ok } from './helpers.js';

describe('parseXml', () => {
  it('keeps attributes as strings, element text trimmed, children in document order', () => {
    const root = ok(parseXml(`<?xml version="1.0"?>
      <!-- a comment -->
      <domain type='kvm'><memory unit='KiB'> 8388608 </memory><a n='1'/><b/><a n='2'/></domain>`, 'd.xml'));
    expect(root.name).toBe('domain');
    expect(root.attrs).toEqual({ type: 'kvm' });
    expect(child(root, 'memory')).toEqual({ name: 'memory', attrs: { unit: 'KiB' }, children: [], text: '8388608' });
    expect(childrenNamed(root, 'a').map((a) => a.attrs['n'])).toEqual(['1', '2']);
    expect(root.children.map((c) => c.name)).toEqual(['memory', 'a', 'b', 'a']);
  });

  it('decodes the five predefined entities and character references, and leaves CDATA as written', () => {
    const root = ok(parseXml(`<d v='&apos;a&lt;b&gt;&quot;&amp;'><t>x &#65;&#x42; y</t><c><![CDATA[&amp;]]></c></d>`, 'd.xml'));
    expect(root.attrs['v']).toBe(`'a<b>"&`);
    expect(child(root, 'c')?.text).toBe('&amp;');
    expect(child(root, 't')?.text).toBe('x AB y');
  });

  it('keeps namespace prefixes in names (qemu:commandline)', () => {
    const root = ok(parseXml(`<domain xmlns:qemu='http://libvirt.org/schemas/domain/qemu/1.0'><qemu:commandline><qemu:arg value='-fw_cfg'/></qemu:commandline></domain>`, 'd.xml'));
    expect(childrenNamed(child(root, 'qemu:commandline'), 'qemu:arg')[0]?.attrs).toEqual({ value: '-fw_cfg' });
  });
});

describe('parseXml rejections', () => {
  it('refuses a billion-laughs document without expanding it', () => {
    expect(errorOf(parseXml(fixture('billion-laughs.xml'), 'billion-laughs.xml'))).toMatchInlineSnapshot(
      `"billion-laughs.xml: declares entities: entity expansion is off (it is how billion-laughs documents explode), so the document is refused"`,
    );
  });

  it('refuses an external entity and names it', () => {
    expect(errorOf(parseXml(fixture('external-entity.xml'), 'external-entity.xml'))).toMatchInlineSnapshot(
      `"external-entity.xml: declares an external entity (host SYSTEM "file:///etc/shadow"): entities are never expanded, so the document is refused"`,
    );
    expect(errorOf(parseXml(`<!DOCTYPE d [<!ENTITY % p PUBLIC "-//x//y" 'http://example.com/p.dtd'>]><d/>`, 'p.xml')))
      .toBe(`p.xml: declares an external entity (p PUBLIC 'http://example.com/p.dtd'): entities are never expanded, so the document is refused`);
  });

  it('refuses a DOCTYPE, and an entity reference nothing declares', () => {
    expect(errorOf(parseXml('<!DOCTYPE domain><domain/>', 'd.xml'))).toBe('d.xml: has a DOCTYPE, which libvirt never writes: refused (entity expansion is off)');
    expect(errorOf(parseXml('<domain><name>&lol9;</name></domain>', 'd.xml'))).toBe('d.xml: uses the undeclared entity &lol9; (entities are never expanded)');
    expect(errorOf(parseXml('<domain><name>&#x110000;</name></domain>', 'd.xml'))).toBe('d.xml: uses the character reference &#x110000;, which is not a Unicode character');
  });

  it('refuses text beyond the size limit before parsing it', () => {
    const huge = `<domain>${' '.repeat(MAX_XML_CHARS)}</domain>`;
    expect(errorOf(parseXml(huge, 'big.xml'))).toBe('big.xml: is larger than 4 MiB, which no libvirt document is');
  });

  it('refuses nesting deeper than 64 elements', () => {
    const deep = `${'<a>'.repeat(70)}${'</a>'.repeat(70)}`;
    expect(errorOf(parseXml(deep, 'deep.xml'))).toMatch(/^deep\.xml: is not readable XML \(/);
  });

  it('refuses XML that is not well-formed, naming the line', () => {
    expect(errorOf(parseXml('<domain>\n<name>x</domain>', 'd.xml'))).toBe(
      "d.xml: is not well-formed XML (line 2: Expected closing tag 'name' (opened in line 2, col 1) instead of closing tag 'domain'.)",
    );
    expect(errorOf(parseXml('<a/><b/>', 'd.xml'))).toBe('d.xml: has more than one XML root element');
  });
});
