/**
 * What other sources add to a host entry made from virsh capabilities, /proc/cpuinfo or lscpu: the IOMMU's IOVA width
 * (kernel log, VT-d capability registers) and the firmware images (QEMU firmware descriptors and the files' sizes).
 */
import type { HostFile } from './imported.js';
import { type IommuWidth, narrowestWidth } from './iommu-width.js';
import { type DescribedSource, type DescriptorImagesOptions, descriptorImages } from './descriptor-images.js';

export interface HostAdditions {
  /** One per IOMMU unit read; none = the width is not known. */
  readonly iommuWidths: readonly IommuWidth[];
  readonly descriptors: readonly DescribedSource[];
  readonly images: DescriptorImagesOptions;
}

/** The importer's entry with `iommuBits` (after the CPU fields) and `images` (last) where the additions know them. */
export function withHostAdditions(host: HostFile, additions: HostAdditions): { host: HostFile; warnings: string[] } {
  const warnings: string[] = [];
  const iommu = narrowestWidth(additions.iommuWidths);
  if (iommu?.warning) warnings.push(iommu.warning);
  const { images, warnings: imageWarnings } = descriptorImages(additions.descriptors, additions.images);
  warnings.push(...imageWarnings);
  if (additions.descriptors.length > 0 && images.length === 0) warnings.push('the firmware descriptors gave no image of known size: the entry lists no images');
  const { qemu, firmware, ...cpu } = host;
  return {
    host: { ...cpu, ...(iommu ? { iommuBits: iommu.bits } : {}), qemu, firmware, ...(images.length > 0 ? { images } : {}) },
    warnings,
  };
}
