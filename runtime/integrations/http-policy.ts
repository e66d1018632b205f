import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { BlockList, isIP } from 'node:net';
import { weftError } from '../errors/create-weft-error.js';
import type { ProjectGraphV1 } from '../spec/v1/graph.js';

/** Where outgoing HTTP calls may go (`project.http` in weft.yaml). */
export type HttpPolicy = ProjectGraphV1['http'];

const privateRanges = new BlockList();
for (const [network, prefix] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['224.0.0.0', 3],
] as const)
  privateRanges.addSubnet(network, prefix, 'ipv4');
for (const [network, prefix] of [
  ['::', 128],
  ['::1', 128],
  ['fc00::', 7],
  ['fe80::', 10],
  ['ff00::', 8],
] as const)
  privateRanges.addSubnet(network, prefix, 'ipv6');

/**
 * True for loopback, private (RFC 1918, ULA), link-local, CGNAT, multicast and unspecified
 * addresses, IPv4-mapped IPv6 included.
 *
 * @example
 * isPrivateAddress('127.0.0.1'); // true
 * isPrivateAddress('93.184.216.34'); // false
 */
export function isPrivateAddress(address: string): boolean {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped?.[1] !== undefined) return privateRanges.check(mapped[1], 'ipv4');
  const family = isIP(address);
  if (family === 0) return true;
  return privateRanges.check(address, family === 4 ? 'ipv4' : 'ipv6');
}

/** Whether `host` matches an allow-list entry (`api.example.com`, or `*.example.com` for any subdomain). */
export function hostMatches(host: string, allowHosts: readonly string[]): boolean {
  const name = host.toLowerCase().replace(/^\[|\]$/g, '');
  return allowHosts.some((entry) => {
    const pattern = entry.toLowerCase();
    return pattern.startsWith('*.') ? name.endsWith(pattern.slice(1)) : name === pattern;
  });
}

/**
 * Checks a URL's host against the policy before any connection: with a non-empty `allowHosts`
 * the host must match it. Returns whether private addresses are allowed for this host (the
 * project allows them, or the host is listed in `allowHosts`).
 *
 * @example
 * const allowPrivate = checkHost(new URL('https://api.example.com/x'), { allowHosts: [], allowPrivate: false });
 */
export function checkHost(url: URL, policy: HttpPolicy): boolean {
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw refused(url.hostname, `the scheme ${url.protocol} is not http or https`);
  }
  const listed = hostMatches(url.hostname, policy.allowHosts);
  if (policy.allowHosts.length > 0 && !listed) {
    throw refused(url.hostname, 'it is not in project.http.allowHosts');
  }
  const allowPrivate = policy.allowPrivate || listed;
  const literal = url.hostname.replace(/^\[|\]$/g, '');
  if (!allowPrivate && isIP(literal) !== 0 && isPrivateAddress(literal)) {
    throw refused(url.hostname, 'it is a private or loopback address');
  }
  return allowPrivate;
}

type LookupCallback = (
  error: NodeJS.ErrnoException | null,
  address: string | LookupAddress[],
  family?: number,
) => void;

/**
 * A `lookup` for `http.request` that resolves the name and refuses private and loopback
 * addresses, so the address actually connected to is the one checked (no DNS rebinding).
 *
 * @example
 * http.request(url, { lookup: guardedLookup(false) });
 */
export function guardedLookup(allowPrivate: boolean) {
  return (
    hostname: string,
    options: { all?: boolean | undefined; family?: number | string | undefined },
    callback: LookupCallback,
  ): void => {
    dnsLookup(hostname, { all: true }, (error, addresses) => {
      if (error !== null) return callback(error, []);
      const bad = allowPrivate ? undefined : addresses.find((entry) => isPrivateAddress(entry.address));
      if (bad !== undefined) {
        return callback(
          refused(hostname, `it resolves to the private or loopback address ${bad.address}`),
          [],
        );
      }
      if (options.all === true) return callback(null, addresses);
      const first = addresses[0];
      if (first === undefined)
        return callback(Object.assign(new Error(`${hostname} has no address`), { code: 'ENOTFOUND' }), []);
      return callback(null, first.address, first.family);
    });
  };
}

function refused(host: string, why: string): Error {
  return weftError('HTTP_HOST_NOT_ALLOWED', {
    message: `Calls to ${host} are not allowed: ${why}.`,
    details: { host },
  });
}
