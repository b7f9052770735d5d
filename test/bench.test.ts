/** The benchmark scripts run on a tiny input (their timings are for `npm run bench`, never asserted here). */
import { describe, expect, it } from 'vitest';
// @ts-expect-error plain JavaScript module without types
import { sweep } from '../bench/sweep.mjs';
// @ts-expect-error plain JavaScript module without types
import { fleet, templates } from '../bench/fleet.mjs';

describe('bench scripts', () => {
  it('generate the same fleet and templates for the same seed', () => {
    expect(fleet(50)).toEqual(fleet(50));
    expect(templates(5)).toEqual(templates(5));
  });

  it('sweep a tiny fleet: every template checked and searched', async () => {
    const result = await sweep(200, 4);
    expect(result).toMatchObject({ hosts: 200, templates: 4 });
    expect(result.groups).toBeGreaterThan(1);
    expect(result.passes).toBeLessThanOrEqual(4);
    expect(result.recommended).toBeLessThanOrEqual(4);
  });
});
