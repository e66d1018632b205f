import { describe, expect, it } from 'vitest';
import { maskingLogger } from '../../../runtime/secrets/masking-logger.js';
import { readSecret } from '../../../runtime/secrets/read-secret.js';
import { maskSecrets, SecretMasker } from '../../../runtime/secrets/secret-masker.js';

const secret = 'p@ss word/+=&x';

describe('SecretMasker', () => {
  const masker = new SecretMasker();
  masker.register(secret);
  const forms: [string, string][] = [
    ['raw', secret],
    ['base64', Buffer.from(secret).toString('base64')],
    ['base64url', Buffer.from(secret).toString('base64url')],
    ['URL-encoded', encodeURIComponent(secret)],
    ['form-encoded', new URLSearchParams({ v: secret }).toString().slice(2)],
    ['JSON-escaped', JSON.stringify(secret).slice(1, -1)],
  ];
  it.each(forms)('masks the %s form', (_, form) => {
    expect(masker.maskText(`before ${form} after`)).toBe('before *** after');
  });

  it('masks deeply in values and keeps what has no secret identical', () => {
    const clean = { a: [1, 'x'], b: { c: null } };
    expect(masker.mask(clean)).toBe(clean);
    expect(masker.mask({ a: [`t=${secret}`], b: { c: secret } })).toEqual({ a: ['t=***'], b: { c: '***' } });
  });

  it('ignores values too short to mask safely', () => {
    const short = new SecretMasker();
    short.register('ab');
    expect(short.maskText('abc')).toBe('abc');
  });
});

describe('readSecret', () => {
  it('registers what it reads with the process masker', () => {
    const value = readSecret({ $secret: 'MASKER_TEST' }, { MASKER_TEST: 'tok-registered-123' });
    expect(maskSecrets(`x ${value} y`)).toBe('x *** y');
  });

  it('names the missing variable, never a value', () => {
    expect(() => readSecret({ $secret: 'NOT_SET_ANYWHERE' }, {})).toThrow(
      expect.objectContaining({ code: 'SECRET_MISSING', details: { variable: 'NOT_SET_ANYWHERE' } }),
    );
  });

  it('a masking logger masks messages and fields', () => {
    readSecret('LOGGED', { LOGGED: 'logged-secret-9' });
    const lines: string[] = [];
    const logger = maskingLogger({
      debug: () => {},
      info: (message, fields) => lines.push(`${message} ${JSON.stringify(fields)}`),
      warn: () => {},
      error: () => {},
    });
    logger.info('using logged-secret-9', { header: 'Bearer logged-secret-9' });
    expect(lines).toEqual(['using *** {"header":"Bearer ***"}']);
  });
});
