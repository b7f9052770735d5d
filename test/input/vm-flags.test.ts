/** draftFromFlags (command-line strings → a VmDraft labelled with flag names) and mergeDrafts (flags over a file). */
import { describe, expect, it } from 'vitest';
import { GiB, MiB, TiB } from '../../src/core/units.js';
import { isInputError } from '../../src/input/input-error.js';
import { toSpec } from '../../src/input/to-spec.js';
import { mergeDrafts, type VmDraft } from '../../src/input/vm-draft.js';
import { draftFromFlags, type VmFlags } from '../../src/input/vm-flags.js';

const showBigints = (_key: string, value: unknown) => (typeof value === 'bigint' ? `${value}n` : value);

async function draftOf(flags: VmFlags): Promise<VmDraft> {
  const result = await draftFromFlags(flags);
  if (isInputError(result)) throw new Error(`expected a draft, got: ${result.message}`);
  return result;
}

async function errorOf(flags: VmFlags): Promise<string> {
  const result = await draftFromFlags(flags);
  if (isInputError(result)) {
    expect(result.message).not.toMatch(/[\r\n]/);
    return result.message;
  }
  throw new Error(`expected an input error, got ${JSON.stringify(result, showBigints)}`);
}

describe('draftFromFlags', () => {
  it('gives an empty draft for no flags', async () => {
    expect(await draftOf({})).toStrictEqual({});
  });

  it('converts every flag, each labelled with its flag name', async () => {
    const flags: VmFlags = {
      machine: 'pc',
      machineVersion: '9.0',
      qemuVersion: '9.2',
      memory: '59.5G',
      maxmem: '1T + 512G',
      slots: '4',
      maxRamBelow4g: '2G',
      pciHole64Size: '0x800000000',
      cxlWindow: ['256M', '1G'],
      vendor: 'amd',
      longMode: false,
      physBits: '36',
      guestPhysBits: '0',
      pdpe1gb: false,
      la57: true,
      pci64Mb: '65536',
      fwCfg: ['opt/x=1'],
      firmware: 'debian-12',
      ovmfBuild: 'ia32x64',
      fiveLevelPaging: true,
    };
    const expected: VmDraft = {
      machine: { value: 'pc', label: '--machine' },
      machineVersion: { value: { major: 9, minor: 0 }, label: '--machine-version' },
      qemuVersion: { value: { major: 9, minor: 2 }, label: '--qemu-version' },
      memory: { value: 63887638528n, label: '--memory' },
      maxmem: { value: 1649267441664n, label: '--maxmem' },
      slots: { value: 4, label: '--slots' },
      maxRamBelow4g: { value: 2147483648n, label: '--max-ram-below-4g' },
      pciHole64Size: { value: 34359738368n, label: '--pci-hole64-size' },
      cxlWindows: { value: [268435456n, 1073741824n], label: '--cxl-window' },
      vendor: { value: 'amd', label: '--vendor' },
      longMode: { value: false, label: '--no-long-mode' },
      physBits: { value: 36, label: '--phys-bits' },
      guestPhysBits: { value: 0, label: '--guest-phys-bits' },
      pdpe1gb: { value: false, label: '--pdpe1gb' },
      la57: { value: true, label: '--la57' },
      firmware: { value: 'debian-12', label: '--firmware' },
      ovmfBuild: { value: 'ia32x64', label: '--ovmf-build' },
      fiveLevelPaging: { value: true, label: '--five-level-paging' },
      fwCfg: { value: { 'opt/x': '1', 'opt/ovmf/X-PciMmio64Mb': '65536' }, label: '--pci64-mb' },
    };
    expect(await draftOf(flags)).toStrictEqual(expected);
  });

  it.each<[string, bigint]>([
    ['59.5G', 63887638528n],
    ['1T + 512G', 1649267441664n],
    ['4 * 256M', 1073741824n],
    ['(1G + 1G) * 2', 4294967296n],
    ['4096B', 4096n],
    ['0x100000000', 4294967296n],
    ['8388609K', 8589935616n],
  ])('reads --memory %j as exactly %s bytes', async (text, bytes) => {
    expect((await draftOf({ memory: text })).memory).toStrictEqual({ value: bytes, label: '--memory' });
  });

  // Issue 17: QEMU's -m 4096 is 4 GiB, a size here is bytes; neither is guessed.
  it('refuses --memory and --maxmem without a unit, saying both readings', async () => {
    expect(await errorOf({ memory: '4096' })).toBe('--memory: "4096" has no unit: QEMU\'s -m reads it as 4096 MiB, a size here is bytes; write 4096M for QEMU\'s meaning or 4096B for bytes');
    expect(await errorOf({ memory: '4G', maxmem: ' 8 ' })).toBe('--maxmem: "8" has no unit: QEMU\'s -m reads it as 8 MiB, a size here is bytes; write 8M for QEMU\'s meaning or 8B for bytes');
    // A machine property such as pci-hole64-size is bytes in QEMU too.
    expect((await draftOf({ memory: '4G', pciHole64Size: '4096' })).pciHole64Size).toStrictEqual({ value: 4096n, label: '--pci-hole64-size' });
  });

  it('reads version strings with surrounding blanks', async () => {
    expect((await draftOf({ qemuVersion: ' 10.2 ' })).qemuVersion).toStrictEqual({ value: { major: 10, minor: 2 }, label: '--qemu-version' });
  });

  it('merges repeated --fw-cfg by name, the last one winning, and keeps "=" inside values', async () => {
    expect((await draftOf({ fwCfg: ['opt/x=1', 'opt/y=a=b', 'opt/x=2', 'opt/empty='] })).fwCfg).toStrictEqual({
      value: { 'opt/x': '2', 'opt/y': 'a=b', 'opt/empty': '' },
      label: '--fw-cfg',
    });
  });

  it('puts --pci64-mb in fw_cfg under opt/ovmf/X-PciMmio64Mb, as the raw string', async () => {
    expect((await draftOf({ pci64Mb: '0x10000' })).fwCfg).toStrictEqual({
      value: { 'opt/ovmf/X-PciMmio64Mb': '0x10000' },
      label: '--pci64-mb',
    });
  });

  it('lets --pci64-mb win over an --fw-cfg of the same file', async () => {
    expect((await draftOf({ fwCfg: ['opt/ovmf/X-PciMmio64Mb=1024'], pci64Mb: '65536' })).fwCfg).toStrictEqual({
      value: { 'opt/ovmf/X-PciMmio64Mb': '65536' },
      label: '--pci64-mb',
    });
  });

  it('accepts a 55-character fw_cfg name', async () => {
    const name = `opt/${'a'.repeat(51)}`;
    expect((await draftOf({ fwCfg: [`${name}=1`] })).fwCfg).toStrictEqual({ value: { [name]: '1' }, label: '--fw-cfg' });
  });

  it.each<[string, VmFlags, string]>([
    ['a machine other than q35 and pc', { machine: 'isapc' }, '--machine: "isapc" is not one of q35, pc'],
    ['a machine type name', { machine: 'pc-q35-7.2' }, '--machine: "pc-q35-7.2" is not one of q35, pc'],
    ['an unknown vendor', { vendor: 'via' }, '--vendor: "via" is not one of intel, amd, hygon'],
    ['a vendor string as CPUID spells it', { vendor: 'GenuineIntel' }, '--vendor: "GenuineIntel" is not one of intel, amd, hygon'],
    ['a three-part QEMU version', { qemuVersion: '7.2.0' }, '--qemu-version: "7.2.0" is not a QEMU version (write X.Y, for example 7.2)'],
    ['a version without minor', { machineVersion: '7' }, '--machine-version: "7" is not a QEMU version (write X.Y, for example 7.2)'],
    ['a machine type name as version', { machineVersion: 'pc-q35-7.2' }, '--machine-version: "pc-q35-7.2" is not a QEMU version (write X.Y, for example 7.2)'],
    // Issue 17: one range per field, the one --help gives (QEMU's ACPI_MAX_RAM_SLOTS = 256, phys-bits 32 to 52).
    ['fractional slots', { slots: '1.5' }, '--slots: "1.5" is not a whole number from 0 to 256'],
    ['negative slots', { slots: '-1' }, '--slots: "-1" is not a whole number from 0 to 256'],
    ['slots as a size', { slots: '2K' }, '--slots: "2K" is not a whole number from 0 to 256'],
    ['slots in exponent notation', { slots: '1e3' }, '--slots: "1e3" is not a whole number from 0 to 256'],
    ['phys-bits with a letter', { physBits: '4x' }, '--phys-bits: "4x" is not a whole number from 32 to 52 (or 0 for QEMU\'s default, 40)'],
    ['guest-phys-bits in hex', { guestPhysBits: '0x30' }, '--guest-phys-bits: "0x30" is not a whole number from 32 to 52 (or 0 for not reported)'],
    ['an unknown OVMF build', { ovmfBuild: 'arm' }, '--ovmf-build: "arm" is not one of x64, ia32x64, ia32'],
    ['a fractional byte count', { memory: '1.1K' }, '--memory: "1.1K" is not a whole number of bytes'],
    ['an empty size', { maxmem: '' }, '--maxmem: is empty (use bytes, a suffix K M G T P E, or an expression such as 1T + 512G)'],
    ['a bad CXL window among good ones', { cxlWindow: ['1G', 'x'] }, '--cxl-window: "x" is not a size (use bytes, a suffix K M G T P E, or an expression such as 1T + 512G)'],
    ['an fw_cfg file outside opt/', { fwCfg: ['etc/x=1'] }, '--fw-cfg: "etc/x=1" is not NAME=VALUE with NAME an fw_cfg file under opt/ (for example opt/ovmf/X-PciMmio64Mb=65536)'],
    ['an fw_cfg entry without "="', { fwCfg: ['opt/x'] }, '--fw-cfg: "opt/x" is not NAME=VALUE with NAME an fw_cfg file under opt/ (for example opt/ovmf/X-PciMmio64Mb=65536)'],
    ['an fw_cfg entry without a name', { fwCfg: ['=1'] }, '--fw-cfg: "=1" is not NAME=VALUE with NAME an fw_cfg file under opt/ (for example opt/ovmf/X-PciMmio64Mb=65536)'],
    ['the bare opt/ directory', { fwCfg: ['opt/=1'] }, '--fw-cfg: "opt/=1" is not NAME=VALUE with NAME an fw_cfg file under opt/ (for example opt/ovmf/X-PciMmio64Mb=65536)'],
    ['an fw_cfg name with a space', { fwCfg: ['opt/a b=1'] }, '--fw-cfg: "opt/a b=1" is not NAME=VALUE with NAME an fw_cfg file under opt/ (for example opt/ovmf/X-PciMmio64Mb=65536)'],
  ])('rejects %s', async (_what, flags, message) => {
    expect(await errorOf(flags)).toBe(message);
  });

  it('rejects an fw_cfg name longer than 55 characters', async () => {
    const name = `opt/${'a'.repeat(52)}`;
    expect(await errorOf({ fwCfg: [`${name}=1`] })).toBe(
      `--fw-cfg: "${name}=1" is not NAME=VALUE with NAME an fw_cfg file under opt/ (for example opt/ovmf/X-PciMmio64Mb=65536)`,
    );
  });

  // Issue 17: whole numbers past the range reach QEMU's own check, which refuses them in QEMU's words.
  it.each<[string, VmFlags, string]>([
    ['phys-bits 65', { memory: '4G', physBits: '65' }, '--phys-bits: phys-bits should be between 32 and 52  (but is 65)'],
    ['phys-bits 99', { memory: '4G', physBits: '99' }, '--phys-bits: phys-bits should be between 32 and 52  (but is 99)'],
  ])('leaves %s to QEMU\'s check', async (_what, flags, message) => {
    const result = toSpec(await draftOf(flags));
    expect(isInputError(result) ? result.message : 'a spec').toBe(message);
  });

  // QEMU refuses 257 slots while building the machine (pc_memory_init, V41): a spec, refused by the plan in QEMU's words.
  it('takes 257 slots (V41) into the spec, for the plan to refuse as QEMU does', async () => {
    const result = toSpec(await draftOf({ memory: '4G', maxmem: '8G', slots: '257' }));
    expect(isInputError(result) ? result.message : result.slots).toBe(257);
  });

  it('reports the first bad flag in the order of the VM fields', async () => {
    expect(await errorOf({ memory: '1.1K', machine: 'isapc', vendor: 'via' })).toBe('--machine: "isapc" is not one of q35, pc');
  });

  it('hands toSpec labels that name the flags', async () => {
    const result = toSpec(await draftOf({ memory: '4G', slots: '2' }));
    expect(isInputError(result) && result.message).toBe('--slots: slots specified but no max-size (give --maxmem too)');
  });
});

describe('mergeDrafts', () => {
  const file: VmDraft = {
    machine: { value: 'q35', label: 'vm.json: machine' },
    memory: { value: 8n * GiB, label: 'vm.json: memory' },
    physBits: { value: 39, label: 'vm.json: cpu.physBits' },
    fwCfg: { value: { 'opt/ovmf/X-PciMmio64Mb': '65536', 'opt/a': 'file' }, label: 'vm.json: firmware.fwCfg' },
  };

  it('lets the later draft win field by field', () => {
    const flags: VmDraft = {
      memory: { value: 16n * GiB, label: '--memory' },
      maxmem: { value: TiB, label: '--maxmem' },
      slots: { value: 2, label: '--slots' },
    };
    expect(mergeDrafts({ machine: file.machine!, memory: file.memory!, physBits: file.physBits! }, flags)).toStrictEqual({
      machine: { value: 'q35', label: 'vm.json: machine' },
      memory: { value: 17179869184n, label: '--memory' },
      physBits: { value: 39, label: 'vm.json: cpu.physBits' },
      maxmem: { value: 1099511627776n, label: '--maxmem' },
      slots: { value: 2, label: '--slots' },
    });
  });

  it('merges fw_cfg files by name, the later draft winning a name, with the later label', () => {
    const flags: VmDraft = { fwCfg: { value: { 'opt/ovmf/X-PciMmio64Mb': '262144', 'opt/b': 'flag' }, label: '--fw-cfg' } };
    expect(mergeDrafts(file, flags).fwCfg).toStrictEqual({
      value: { 'opt/ovmf/X-PciMmio64Mb': '262144', 'opt/a': 'file', 'opt/b': 'flag' },
      label: '--fw-cfg',
    });
  });

  it('keeps the earlier fw_cfg files when the later draft has none', () => {
    expect(mergeDrafts(file, { memory: { value: 2n * GiB, label: '--memory' } }).fwCfg).toStrictEqual({
      value: { 'opt/ovmf/X-PciMmio64Mb': '65536', 'opt/a': 'file' },
      label: 'vm.json: firmware.fwCfg',
    });
  });

  it('merges three drafts in order', () => {
    const preset: VmDraft = { memory: { value: 2n * GiB, label: 'small.json: memory' }, slots: { value: 1, label: 'small.json: slots' } };
    const merged = mergeDrafts(preset, file, { memory: { value: 512n * MiB, label: '--memory' } });
    expect(merged.memory).toStrictEqual({ value: 536870912n, label: '--memory' });
    expect(merged.slots).toStrictEqual({ value: 1, label: 'small.json: slots' });
    expect(merged.machine).toStrictEqual({ value: 'q35', label: 'vm.json: machine' });
  });

  it('adds no fw_cfg field when no draft has one', () => {
    expect(mergeDrafts({ memory: file.memory! }, {})).toStrictEqual({ memory: { value: 8589934592n, label: 'vm.json: memory' } });
  });

  it('gives an empty draft for no drafts', () => {
    expect(mergeDrafts()).toStrictEqual({});
  });

  it('leaves its inputs unchanged', () => {
    const flags: VmDraft = { fwCfg: { value: { 'opt/b': 'flag' }, label: '--fw-cfg' } };
    mergeDrafts(file, flags);
    expect(file.fwCfg).toStrictEqual({ value: { 'opt/ovmf/X-PciMmio64Mb': '65536', 'opt/a': 'file' }, label: 'vm.json: firmware.fwCfg' });
    expect(flags.fwCfg).toStrictEqual({ value: { 'opt/b': 'flag' }, label: '--fw-cfg' });
  });
});
