import { describe, expect, it } from 'vitest';
import { allHttpRoutes, httpRoutes, routePath } from './routes.js';

describe('the route table', () => {
  it('declares each method and path once, relative to the API prefix', () => {
    const keys = allHttpRoutes().map((r) => `${r.method} ${r.path}`);
    expect(new Set(keys).size).toBe(keys.length);
    for (const r of allHttpRoutes()) expect(r.path).toMatch(/^\/[a-z-]/);
  });

  it('answers without a body with 204, and a GET has no body schema', () => {
    for (const r of allHttpRoutes()) {
      if (r.method === 'GET') expect(r.body).toBeUndefined();
      if (!r.result && r.method !== 'GET') expect(r.status).toBe(204);
    }
  });

  it('fills path parameters encoded', () => {
    expect(routePath(httpRoutes.revokeMySession, { id: 'a/b' })).toBe('/me/sessions/a%2Fb');
    expect(() => routePath(httpRoutes.revokeMySession)).toThrow();
  });
});
