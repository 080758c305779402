// @ts-check
import { readdirSync } from 'node:fs';
import path from 'node:path';
import js from '@eslint/js';
import { defineConfig } from 'eslint/config';
import { createNodeResolver, importX } from 'eslint-plugin-import-x';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const TS_FILES = ['**/*.{ts,tsx,mts,cts}'];
const TEST_FILES = ['**/*.test.{ts,tsx}', '**/*.test-d.ts', '**/e2e/**', '**/src/test/**'];

/** Import boundaries. Each message says WHY, so whoever trips over one knows what to do instead. */
const PROTOCOL_ONLY_ZOD = {
  // Anything that is not zod, diff (the library's word diff and minor-edit rule, which both
  // sides must compute alike) or a relative path inside the package.
  regex: '^(?!zod$|zod/|diff$|\\.{1,2}/)',
  message:
    'packages/protocol is shared by the browser and the server: it may import only zod, diff (and its own files). ' +
    'Put server- or web-only code in the app that needs it.',
};
const WEB_NEVER_SERVER = [
  {
    group: [
      '@yhteistyotila/server',
      '@yhteistyotila/server/*',
      '**/apps/server/**',
      '../../server/**',
      '../../../server/**',
    ],
    message:
      'The web app never imports server code: it would ship server internals (and secrets) to the browser. ' +
      'Share types and schemas through @yhteistyotila/protocol.',
  },
  {
    group: ['mongoose', 'mongoose/*', 'mongodb', 'mongodb/*'],
    message:
      'The web app never talks to the database: database documents reach the browser only through server ' +
      'presenters, typed by @yhteistyotila/protocol.',
  },
];
const SERVER_NEVER_WEB = [
  {
    group: [
      '@yhteistyotila/web',
      '@yhteistyotila/web/*',
      '**/apps/web/**',
      '../../web/**',
      '../../../web/**',
    ],
    message: 'The server never imports the web app: it serves the built bundle (WEB_DIST) instead.',
  },
];

/**
 * Server layering (docs/decisions.md 37). Core (auth/, db/, http/, lib/, realtime/ and the files at
 * src/'s top) never imports a feature: features plug into core through the Feature interface
 * (features/feature.ts), and only the composition root (app.ts) imports the list of features
 * (features/index.ts). A feature imports another only through that one's index.ts, its public
 * interface. Tests are exempt: they assemble and inspect the whole server.
 */
const SERVER_SRC = 'apps/server/src';
const SERVER_FEATURES = readdirSync(path.join(import.meta.dirname, SERVER_SRC, 'features'), {
  withFileTypes: true,
})
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name);
const SERVER_BOUNDARIES = [
  {
    target: [
      `${SERVER_SRC}/auth`,
      `${SERVER_SRC}/db`,
      `${SERVER_SRC}/http`,
      `${SERVER_SRC}/lib`,
      `${SERVER_SRC}/realtime`,
      `${SERVER_SRC}/config.ts`,
      `${SERVER_SRC}/context.ts`,
      `${SERVER_SRC}/errors.ts`,
      `${SERVER_SRC}/log.ts`,
      `${SERVER_SRC}/main.ts`,
      `${SERVER_SRC}/metrics.ts`,
    ],
    from: `${SERVER_SRC}/features`,
    except: ['./feature.ts'],
    message:
      'Core never imports a feature: features depend on core, not the other way round. Let the ' +
      'feature plug in through the Feature interface (features/feature.ts) or a listener that ' +
      'core offers (e.g. auth/live-access.ts liveAccessListeners).',
  },
  {
    target: `${SERVER_SRC}/app.ts`,
    from: `${SERVER_SRC}/features`,
    except: ['./feature.ts', './index.ts'],
    message: 'app.ts composes the features from their list, features/index.ts, and nothing else.',
  },
  ...SERVER_FEATURES.map((feature) => ({
    target: `${SERVER_SRC}/features/${feature}`,
    from: `${SERVER_SRC}/features`,
    except: [
      `./${feature}`,
      './feature.ts',
      ...SERVER_FEATURES.filter((other) => other !== feature).map((other) => `./${other}/index.ts`),
    ],
    message:
      'A feature imports another only through its index.ts (its public interface): export what ' +
      'you need there, or move what every feature needs into core.',
  })),
];

/**
 * Where an event is emitted (docs/ARCHITECTURE.md): a service records facts; `publish` in
 * realtime/facts.ts is the one place that emits them. So nothing else in the server calls
 * `.emit(` (the two lines that do say why), and only the wrappers call the publishers: the
 * socket and HTTP wrappers and the rest of realtime/, a feature's *.feature.ts (its hooks,
 * timers and connection listeners), and the coalesced member recount, a write of its own that
 * serves many callers.
 */
const EMITTING = {
  selector: 'MemberExpression[property.name=/^(emit|emitWithAck)$/]',
  message:
    'Services never emit: record the event with facts.add(room, event, payload) and let the ' +
    'wrapper publish it after the write (docs/ARCHITECTURE.md, "Where an event is emitted").',
};
const ACCESS_BYPASS = {
  selector:
    'MemberExpression[object.object.name=/^(ConversationModel|MembershipModel|MuteModel|BlockModel)$/][object.property.name="collection"][property.name=/^(insert|update|delete|replace|bulkWrite|findOneAnd)/]',
  message:
    'Write these through the model: its hooks replace the access stamp that lets every process ' +
    'answer send checks from memory (apps/server/src/db/access-stamp.ts).',
};
const PUBLISHERS = {
  group: ['**/realtime/facts.js'],
  importNames: ['publishing', 'publishNow'],
  message:
    'Services never publish: take the Facts collector and record facts.add(...); the wrappers ' +
    "(defineHandler, mountRoute, the feature's *.feature.ts) publish after the write " +
    '(docs/ARCHITECTURE.md, "Where an event is emitted").',
};

export default defineConfig(
  {
    ignores: [
      '**/node_modules/**',
      '**/dist/**',
      '**/.data/**',
      '**/.turbo/**',
      '**/coverage/**',
      '**/test-artifacts/**',
      'bench/results/**',
    ],
  },
  js.configs.recommended,
  tseslint.configs.recommended,
  {
    languageOptions: {
      ecmaVersion: 2023,
      sourceType: 'module',
      globals: { ...globals.node },
    },
    plugins: { 'import-x': importX },
    settings: {
      // Which files import-x parses when following imports (its default is JavaScript only).
      'import-x/extensions': ['.ts', '.tsx', '.cts', '.mts', '.js', '.jsx', '.cjs', '.mjs'],
      'import-x/parsers': { '@typescript-eslint/parser': ['.ts', '.tsx', '.cts', '.mts'] },
      'import-x/resolver-next': [
        createNodeResolver({
          extensions: ['.ts', '.tsx', '.js', '.mjs', '.json', '.node'],
          // Source files import siblings as './x.js' (NodeNext); the file on disk is x.ts.
          extensionAlias: { '.js': ['.ts', '.tsx', '.js'] },
          conditionNames: ['yhteistyotila-source', 'types', 'import', 'default'],
        }),
      ],
    },
    rules: {
      'import-x/no-cycle': ['error', { ignoreExternal: true }],
      '@typescript-eslint/no-unused-vars': [
        'error',
        {
          argsIgnorePattern: '^_',
          varsIgnorePattern: '^_',
          caughtErrorsIgnorePattern: '^_',
          // `const { secret, ...rest } = doc` is how a presenter leaves fields out.
          ignoreRestSiblings: true,
        },
      ],
    },
  },
  // Type-aware rules: only for files that belong to a tsconfig (every package's src, tests included).
  {
    files: TS_FILES,
    ignores: ['*.config.ts'],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      // A promise nobody awaits loses its error: in a socket handler that is an unacked client
      // and an unhandled rejection. Await it, or mark deliberate fire-and-forget with `void`.
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': [
        'error',
        { checksVoidReturn: { attributes: false } },
      ],
      '@typescript-eslint/await-thenable': 'error',
    },
  },
  {
    files: ['packages/protocol/src/**/*.ts'],
    ignores: TEST_FILES,
    rules: { 'no-restricted-imports': ['error', { patterns: [PROTOCOL_ONLY_ZOD] }] },
  },
  {
    files: ['apps/web/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.flat.recommended.rules,
      'no-restricted-imports': ['error', { patterns: WEB_NEVER_SERVER }],
    },
  },
  {
    files: ['apps/server/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: SERVER_NEVER_WEB }] },
  },
  {
    files: [`${SERVER_SRC}/**/*.ts`],
    ignores: TEST_FILES,
    rules: { 'no-restricted-syntax': ['error', EMITTING, ACCESS_BYPASS] },
  },
  {
    files: [`${SERVER_SRC}/features/**/*.ts`, `${SERVER_SRC}/auth/**/*.ts`],
    ignores: [
      ...TEST_FILES,
      '**/*.feature.ts',
      `${SERVER_SRC}/features/conversations/member-count.ts`,
    ],
    rules: {
      'no-restricted-imports': ['error', { patterns: [...SERVER_NEVER_WEB, PUBLISHERS] }],
    },
  },
  {
    files: [`${SERVER_SRC}/**/*.ts`],
    ignores: TEST_FILES,
    rules: {
      'import-x/no-restricted-paths': [
        'error',
        { basePath: import.meta.dirname, zones: SERVER_BOUNDARIES },
      ],
    },
  },
  {
    // The Node version check runs on the old Nodes it refuses: CommonJS in syntax that Node 14
    // parses (ES2020), so the newcomer sees its one line instead of a SyntaxError.
    files: ['scripts/check-node.cjs'],
    languageOptions: { ecmaVersion: 2020, sourceType: 'commonjs' },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    files: TEST_FILES,
    rules: {
      // Tests reach into untyped payloads on purpose (malformed input, raw acks).
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
);
