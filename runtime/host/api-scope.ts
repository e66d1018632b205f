/**
 * The scopes of the hosted API, one per route group. Every route declares one in its options
 * (`config: { scope: 'workflows:read' }`); `public` routes need no key; a route that declares none
 * is treated as `admin` (fail closed).
 *
 * @example
 * app.get('/api/workflows', { config: { scope: 'workflows:read' } }, handler);
 */
export type ApiScope =
  | 'public'
  | 'agents:invoke'
  | 'workflows:run'
  | 'workflows:read'
  | 'tools:execute'
  | 'memory:read'
  | 'memory:write'
  | 'knowledge:read'
  | 'knowledge:write'
  | 'admin';

/**
 * Every scope, in documentation order.
 *
 * @example
 * apiScopes.includes('workflows:run'); // true
 */
export const apiScopes: readonly ApiScope[] = [
  'public',
  'agents:invoke',
  'workflows:run',
  'workflows:read',
  'tools:execute',
  'memory:read',
  'memory:write',
  'knowledge:read',
  'knowledge:write',
  'admin',
];

declare module 'fastify' {
  interface FastifyContextConfig {
    /** The scope a key needs to call this route (absent: `admin`). */
    scope?: ApiScope;
  }
}

/**
 * The scope a route requires: its declared scope, or `admin` when it declares none.
 *
 * @example
 * requiredScope(request.routeOptions.config); // 'workflows:read'
 */
export function requiredScope(config: { scope?: unknown } | undefined): ApiScope {
  const scope = config?.scope;
  return typeof scope === 'string' && (apiScopes as readonly string[]).includes(scope)
    ? (scope as ApiScope)
    : 'admin';
}

/**
 * Whether a key with `granted` scopes may call a route of scope `required`: `*` grants everything
 * (it is the admin scope), `area:*` every scope of the area (`workflows:*` grants `workflows:run`
 * and `workflows:read`), otherwise the exact scope. `public` needs nothing.
 *
 * @example
 * grantsScope(['workflows:*'], 'workflows:run'); // true
 * grantsScope(['workflows:read'], 'workflows:run'); // false
 */
export function grantsScope(granted: readonly string[], required: ApiScope): boolean {
  if (required === 'public') return true;
  const area = required.includes(':') ? required.slice(0, required.indexOf(':')) : required;
  return granted.some(
    (scope) => scope === '*' || scope === required || scope === `${area}:*` || scope === 'admin:*',
  );
}

/**
 * Whether a scope written in weft.yaml (`workflows:run`, `agents:*`, `*`) can grant anything: a
 * known scope, `*`, or `area:*` of a known area. Typos are refused at start-up.
 *
 * @example
 * isGrantableScope('workflow:run'); // false (the area is `workflows`)
 */
export function isGrantableScope(scope: string): boolean {
  if (scope === '*' || scope === 'admin:*') return true;
  if (scope.endsWith(':*')) {
    const area = scope.slice(0, -2);
    return apiScopes.some((known) => known.startsWith(`${area}:`));
  }
  return scope !== 'public' && scope !== 'admin' && (apiScopes as readonly string[]).includes(scope);
}
