/**
 * Turns a manifest or step name into a PascalCase type-name part.
 *
 * @example
 * pascalCase('order-approval'); // 'OrderApproval'
 * pascalCase('crm.get-customer'); // 'CrmGetCustomer'
 * pascalCase('checkStock'); // 'CheckStock'
 * pascalCase('2fa-check'); // 'T2FaCheck'
 */
export function pascalCase(name: string): string {
  const words = name.split(/[^A-Za-z0-9]+/).filter((word) => word !== '');
  const joined = words
    .map((word) => word.charAt(0).toUpperCase() + word.slice(1))
    .join('')
    // a letter after digits is uppercased, as json-schema-to-typescript does to the names it is given
    .replace(
      /([0-9]+)([a-z])/g,
      (_match, digits: string, letter: string) => `${digits}${letter.toUpperCase()}`,
    );
  if (joined === '') return 'Unnamed';
  return /^[0-9]/.test(joined) ? `T${joined}` : joined;
}

/**
 * A TypeScript property key: bare when it is an identifier, else a single-quoted string.
 *
 * @example
 * propertyKey('support'); // 'support'
 * propertyKey('order-approval'); // "'order-approval'"
 */
export function propertyKey(name: string): string {
  if (/^[A-Za-z_$][A-Za-z0-9_$]*$/.test(name)) return name;
  return `'${name.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

/**
 * Hands out unique type names: a taken name gets the first free numeric suffix (`Foo2`).
 *
 * @example
 * const names = new TypeNames(); names.claim('OrderInput'); names.claim('OrderInput'); // 'OrderInput2'
 */
export class TypeNames {
  private readonly taken = new Set<string>();

  claim(wanted: string): string {
    let name = wanted;
    for (let suffix = 2; this.taken.has(name); suffix += 1) name = `${wanted}${suffix}`;
    this.taken.add(name);
    return name;
  }
}
