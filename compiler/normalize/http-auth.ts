import type { HttpAuthV1 } from '../../runtime/spec/v1/graph.js';
import type { HttpAuth } from '../manifest-types.js';
import { normalizeSecret } from './units.js';

/**
 * The graph form of an HTTP auth block: secrets as `{ $secret }`, oauth2 scopes defaulted.
 *
 * @example
 * normalizeHttpAuth({ type: 'bearer', token: '${{ env.T }}' }); // { type: 'bearer', token: { $secret: 'T' } }
 */
export function normalizeHttpAuth(auth: HttpAuth): HttpAuthV1 {
  switch (auth.type) {
    case 'bearer':
      return { type: 'bearer', token: normalizeSecret(auth.token) };
    case 'apiKey':
      return { type: 'apiKey', in: auth.in, name: auth.name, value: normalizeSecret(auth.value) };
    case 'basic':
      return { type: 'basic', username: auth.username, password: normalizeSecret(auth.password) };
    default:
      return {
        type: 'oauth2',
        tokenUrl: auth.tokenUrl,
        clientId: auth.clientId,
        clientSecret: normalizeSecret(auth.clientSecret),
        scopes: [...(auth.scopes ?? [])],
      };
  }
}
