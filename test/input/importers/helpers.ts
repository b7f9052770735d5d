/** Shared by the importer tests: fixtures by name, and unwrapping a result that must (not) be an InputError. */
import { readFileSync } from 'node:fs';
import { expect } from 'vitest';
import { type InputError, isInputError } from '../../../src/input/input-error.js';

export function fixture(name: string): string {
  return readFileSync(new URL(`../../fixtures/${name}`, import.meta.url), 'utf8');
}

export function ok<T>(result: T | InputError): T {
  if (isInputError(result)) throw new Error(`expected a result, got: ${result.message}`);
  return result;
}

export function errorOf(result: unknown): string {
  if (!isInputError(result)) throw new Error(`expected an input error, got ${JSON.stringify(result)}`);
  expect(result.message).not.toMatch(/[\r\n]/);
  return result.message;
}
