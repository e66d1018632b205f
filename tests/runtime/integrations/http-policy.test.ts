import { describe, expect, it } from 'vitest';
import { checkHost, hostMatches, isPrivateAddress } from '../../../runtime/integrations/http-policy.js';

describe('isPrivateAddress', () => {
  const cases: [string, boolean][] = [
    ['127.0.0.1', true],
    ['10.1.2.3', true],
    ['172.16.0.1', true],
    ['172.32.0.1', false],
    ['192.168.1.1', true],
    ['169.254.169.254', true],
    ['100.64.0.1', true],
    ['0.0.0.0', true],
    ['93.184.216.34', false],
    ['8.8.8.8', false],
    ['::1', true],
    ['::', true],
    ['fd00::1', true],
    ['fe80::1', true],
    ['::ffff:127.0.0.1', true],
    ['::ffff:8.8.8.8', false],
    ['2606:4700::1111', false],
  ];
  it.each(cases)('%s -> %s', (address, want) => expect(isPrivateAddress(address)).toBe(want));
});

describe('host allow-list', () => {
  const cases: [string, string[], boolean][] = [
    ['api.example.com', ['api.example.com'], true],
    ['API.Example.com', ['api.example.com'], true],
    ['a.crm.example.com', ['*.crm.example.com'], true],
    ['crm.example.com', ['*.crm.example.com'], false],
    ['evilcrm.example.com', ['*.crm.example.com'], false],
    ['other.com', ['api.example.com'], false],
  ];
  it.each(cases)('%s in %j -> %s', (host, list, want) => expect(hostMatches(host, list)).toBe(want));

  it('refuses other schemes, unlisted hosts and private literals; allows listed private hosts', () => {
    const policy = { allowHosts: [] as string[], allowPrivate: false };
    expect(() => checkHost(new URL('file:///etc/passwd'), policy)).toThrow(/not http or https/);
    expect(() => checkHost(new URL('http://10.0.0.1/'), policy)).toThrow(/private or loopback/);
    expect(() => checkHost(new URL('http://[::1]/'), policy)).toThrow(/private or loopback/);
    expect(() =>
      checkHost(new URL('https://b.com/'), { allowHosts: ['a.com'], allowPrivate: false }),
    ).toThrow(/allowHosts/);
    expect(checkHost(new URL('http://10.0.0.1/'), { allowHosts: ['10.0.0.1'], allowPrivate: false })).toBe(
      true,
    );
    expect(checkHost(new URL('https://a.com/'), policy)).toBe(false);
  });
});
