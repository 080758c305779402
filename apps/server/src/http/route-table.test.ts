import { allOperationalRoutes, API_PREFIX } from '@yhteistyotila/protocol';
import { describe, expect, it } from 'vitest';
import { useTestServer } from '../test/harness.js';
import { apiRoutes, expressRoutes } from '../test/hostile-input.js';

/**
 * The protocol's route table is what the web calls and the fuzzer covers, so the app must serve
 * exactly it: a handler mounted beside the table, or a declared route nobody serves, fails here.
 */
const server = useTestServer();

const key = (r: { method: string; path: string }) => `${r.method} ${r.path}`;

describe('the route table', () => {
  it('every route the app mounts under the API is in the table, and vice versa', () => {
    const mounted = expressRoutes(server.application).map(key);
    const api = mounted.filter((k) => k.split(' ')[1]!.startsWith(`${API_PREFIX}/`));
    expect([...api].sort()).toEqual(apiRoutes().map(key).sort());
    // Outside the API: exactly the operational table (for operators, not for the web app).
    expect(mounted.filter((m) => !api.includes(m)).sort()).toEqual(
      allOperationalRoutes().map(key).sort(),
    );
  });
});
