/** What replaces a secret wherever it would be written out. */
export const secretMask = '***';

/** Secrets shorter than this are not masked (masking `a` everywhere would garble every text). */
const minimumLength = 4;

/**
 * Replaces registered secret values, and their base64, base64url and URL-encoded forms, with
 * `***` in strings and (deeply) in JSON-like values. One masker serves the process: every secret
 * the runtime reads is registered with it (`readSecret`), and logs, errors, stored run errors and
 * API error bodies go through `maskSecrets`.
 *
 * @example
 * const masker = new SecretMasker();
 * masker.register('s3cr3t-token');
 * masker.maskText('Authorization: Bearer s3cr3t-token'); // 'Authorization: Bearer ***'
 */
export class SecretMasker {
  private readonly forms = new Set<string>();
  private pattern: RegExp | undefined;

  /** Registers a secret value (and its encoded forms); short or empty values are ignored. */
  register(value: string): void {
    if (value.length < minimumLength) return;
    const before = this.forms.size;
    for (const form of encodedForms(value)) if (form.length >= minimumLength) this.forms.add(form);
    if (this.forms.size !== before) this.pattern = undefined;
  }

  /** How many distinct forms are masked (0: masking is a no-op). */
  get size(): number {
    return this.forms.size;
  }

  /** The text with every registered form replaced by `***`. */
  maskText(text: string): string {
    if (this.forms.size === 0 || text.length < minimumLength) return text;
    return text.replace(this.regex(), secretMask);
  }

  /**
   * A copy of a JSON-like value (strings, arrays, plain objects; errors become their message) with
   * every string masked; returns the value itself when nothing needed masking.
   */
  mask<T>(value: T): T {
    if (this.forms.size === 0) return value;
    return this.maskDeep(value, 0) as T;
  }

  private maskDeep(value: unknown, depth: number): unknown {
    if (typeof value === 'string') return this.maskText(value);
    if (typeof value !== 'object' || value === null || depth > 64) return value;
    if (Array.isArray(value)) {
      let changed = false;
      const out = value.map((element: unknown) => {
        const masked = this.maskDeep(element, depth + 1);
        if (masked !== element) changed = true;
        return masked;
      });
      return changed ? out : value;
    }
    const prototype: unknown = Object.getPrototypeOf(value);
    if (prototype !== Object.prototype && prototype !== null) return value;
    let changed = false;
    const out: Record<string, unknown> = {};
    for (const [key, member] of Object.entries(value)) {
      const masked = this.maskDeep(member, depth + 1);
      if (masked !== member) changed = true;
      out[this.maskText(key)] = masked;
    }
    return changed ? out : value;
  }

  private regex(): RegExp {
    if (this.pattern === undefined) {
      // Longest first, so that a form containing another is replaced whole.
      const sorted = [...this.forms].sort((a, b) => b.length - a.length);
      this.pattern = new RegExp(sorted.map(escapeRegExp).join('|'), 'g');
    }
    return this.pattern;
  }
}

function encodedForms(value: string): string[] {
  const bytes = Buffer.from(value, 'utf8');
  const base64 = bytes.toString('base64');
  return [
    value,
    base64,
    base64.replace(/=+$/, ''),
    bytes.toString('base64url'),
    encodeURIComponent(value),
    new URLSearchParams({ v: value }).toString().slice(2),
    JSON.stringify(value).slice(1, -1),
  ];
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * The process-wide masker: every secret the runtime reads is registered here.
 *
 * @example
 * secretMasker.register(process.env.CRM_TOKEN ?? '');
 */
export const secretMasker = new SecretMasker();

/**
 * Masks every registered secret in a string or a JSON-like value (see `SecretMasker.mask`). The
 * engine calls it where run and step errors are stored; the host on every error body.
 *
 * @example
 * maskSecrets({ message: `token ${token} refused` }); // { message: 'token *** refused' }
 */
export function maskSecrets<T>(value: T): T {
  return secretMasker.mask(value);
}

/**
 * Registers a secret value with the process-wide masker and returns it.
 *
 * @example
 * const header = `Basic ${registerSecret(Buffer.from(`${user}:${password}`).toString('base64'))}`;
 */
export function registerSecret(value: string): string {
  secretMasker.register(value);
  return value;
}
