/** Commander's argument parser of a repeatable flag (--device, --fw-cfg, --host-caps): every value, in order. */
export const collect = (value: string, previous: string[] = []): string[] => [...previous, value];
