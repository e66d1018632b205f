import { describe, expect, it } from 'vitest';
import {
  type ApiScope,
  grantsScope,
  isGrantableScope,
  requiredScope,
} from '../../../runtime/host/api-scope.js';

describe('grantsScope', () => {
  it.each<[string, { granted: string[]; required: ApiScope; want: boolean }]>([
    ['public needs nothing', { granted: [], required: 'public', want: true }],
    ['the exact scope', { granted: ['workflows:run'], required: 'workflows:run', want: true }],
    ['another scope of the area', { granted: ['workflows:read'], required: 'workflows:run', want: false }],
    ['area:* grants the area', { granted: ['workflows:*'], required: 'workflows:run', want: true }],
    ['area:* grants only its area', { granted: ['workflows:*'], required: 'tools:execute', want: false }],
    ['* grants everything', { granted: ['*'], required: 'memory:write', want: true }],
    ['* is the admin scope', { granted: ['*'], required: 'admin', want: true }],
    ['admin:* is the admin scope too', { granted: ['admin:*'], required: 'knowledge:read', want: true }],
    ['no area:* grants admin', { granted: ['workflows:*', 'agents:*'], required: 'admin', want: false }],
    ['no scopes grant nothing', { granted: [], required: 'agents:invoke', want: false }],
  ])('%s', (_name, { granted, required, want }) => {
    expect(grantsScope(granted, required)).toBe(want);
  });
});

describe('requiredScope', () => {
  it('is the declared scope, and admin for a route that declares none or an unknown one (fail closed)', () => {
    expect(requiredScope({ scope: 'workflows:read' })).toBe('workflows:read');
    expect(requiredScope({})).toBe('admin');
    expect(requiredScope(undefined)).toBe('admin');
    expect(requiredScope({ scope: 'workflows:write' })).toBe('admin');
  });
});

describe('isGrantableScope', () => {
  it.each([
    ['*', true],
    ['workflows:run', true],
    ['workflows:*', true],
    ['memory:*', true],
    ['admin:*', true],
    ['workflow:run', false],
    ['workflows:write', false],
    ['nothing:*', false],
    ['public', false],
  ])('%s -> %s', (scope, want) => {
    expect(isGrantableScope(scope)).toBe(want);
  });
});
