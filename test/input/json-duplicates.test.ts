import { describe, expect, it } from 'vitest';
import { firstDuplicateKey } from '../../src/input/json-duplicates.js';

describe('firstDuplicateKey', () => {
  it.each<[string, string, { path: string; key: string } | null]>([
    ['no object', '[1, "a", null]', null],
    ['distinct keys', '{"a": 1, "b": {"a": 2}}', null],
    // The same key in sibling objects of an array is two objects, not a repeat.
    ['sibling objects', '{"hosts": [{"name": "a"}, {"name": "b"}]}', null],
    ['a top-level repeat', '{"memory": "8G", "memory": "1T"}', { path: 'memory', key: 'memory' }],
    ['a repeat in an array element', '{"hosts": [{"x": 1}, {"y": 1, "y": 2}]}', { path: 'hosts.1.y', key: 'y' }],
    ['a repeat in a nested object', '{"cpu": {"vendor": "intel", "physBits": 39, "vendor": "amd"}}', { path: 'cpu.vendor', key: 'vendor' }],
    // A value that looks like a key, with escaped quotes and braces inside strings, is a value.
    ['strings with quotes and braces', '{"a": "\\"a\\": {", "b": "}, \\"a\\""}', null],
    ['keys equal after unescaping', '{"a": 1, "\\u0061": 2}', { path: 'a', key: 'a' }],
    // A string ending in an escaped backslash ends at the next quote; an escaped quote does not end it.
    ['a key ending in an escaped backslash', '{"a\\\\": 1, "b": {"a\\\\": 2}, "a\\\\": 3}', { path: 'a\\', key: 'a\\' }],
    ['a key with an escaped quote and backslashes', '{"x\\\\\\"y": 1, "x\\\\\\"y": 2}', { path: 'x\\"y', key: 'x\\"y' }],
    ['a repeat after a nested array', '{"a": [[1], {"b": 1}], "a": 2}', { path: 'a', key: 'a' }],
  ])('%s', (_what, text, expected) => {
    JSON.parse(text); // every case is valid JSON, as the reader's input is
    expect(firstDuplicateKey(text)).toStrictEqual(expected);
  });
});
