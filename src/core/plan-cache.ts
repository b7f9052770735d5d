/**
 * Plans of one VM, by the QEMU and firmware of the host they were made for and by the guest CPU: a pool check plans
 * each kind of host, and a search over phys-bits settings asks again for every setting, so plans are made once.
 * The keys are cheap on purpose: a pool sweep looks plans up hundreds of times per VM, and building a string key per
 * lookup used to cost more than most of the plans.
 */
import type { CpuVendor, GuestCpu, HostSpec, VmSpec } from './spec.js';
import { type Plan, plan } from './plan.js';
import { firmwareReleaseKey } from './ovmf/releases.js';
import { formatVersion } from './qemu/versions.js';

/** By host stack (see stackKey), then by guest CPU (see cpuKey). Holds the plans of one VM only. */
export type PlanCache = Map<string, Map<number, Plan>>;

/** The VM as this host's QEMU and OVMF run it, with the guest CPU QEMU gives it there. */
export function planOn(vm: VmSpec, cpu: GuestCpu, host: HostSpec, plans: PlanCache): Plan {
  const key = cpuKey(cpu);
  if (key === null) return planWith(vm, cpu, host);
  const stack = stackKey(host);
  let byCpu = plans.get(stack);
  if (!byCpu) plans.set(stack, (byCpu = new Map()));
  let result = byCpu.get(key);
  if (!result) byCpu.set(key, (result = planWith(vm, cpu, host)));
  return result;
}

function planWith(vm: VmSpec, cpu: GuestCpu, host: HostSpec): Plan {
  const firmware = { ...host.firmware, fiveLevelPaging: vm.firmware.fiveLevelPaging, fwCfg: vm.firmware.fwCfg };
  return plan({ ...vm, qemuVersion: host.qemuVersion, cpu, firmware });
}

const STACK_KEYS = new WeakMap<HostSpec, string>();

/** The QEMU release and OVMF build a host runs, once per host object (a pool's hosts are asked again and again). */
function stackKey(host: HostSpec): string {
  let key = STACK_KEYS.get(host);
  if (key === undefined) STACK_KEYS.set(host, (key = `${formatVersion(host.qemuVersion)}|${firmwareReleaseKey(host.firmware)}`));
  return key;
}

const VENDOR_NUMBER: Readonly<Record<CpuVendor, number>> = { intel: 0, amd: 1, hygon: 2 };
/** phys-bits and GuestPhysBits are bytes of CPUID 0x80000008 EAX. */
const CPUID_BYTE = 256;

/** The guest CPU as one number; null for a width no CPUID byte holds (such plans are not kept). */
function cpuKey(cpu: GuestCpu): number | null {
  if (!isCpuidByte(cpu.physBits) || !isCpuidByte(cpu.guestPhysBits)) return null;
  const widths = cpu.physBits * CPUID_BYTE + cpu.guestPhysBits;
  return ((widths * 4 + VENDOR_NUMBER[cpu.vendor]) * 2 + Number(cpu.pdpe1gb)) * 2 + Number(cpu.la57);
}

function isCpuidByte(width: number): boolean {
  return Number.isInteger(width) && width >= 0 && width < CPUID_BYTE;
}
