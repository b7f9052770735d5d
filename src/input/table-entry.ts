/**
 * A fixed table's entry for a key a user wrote. `table[key]` alone also finds what every object inherits: a vendor,
 * codename or entity named "constructor" or "toString" found Object's functions, which then failed later in words
 * that named neither the field nor what it allows, or were taken as values.
 */
export function tableEntry<T>(table: Readonly<Record<string, T>>, key: string): T | undefined {
  return Object.hasOwn(table, key) ? table[key] : undefined;
}
