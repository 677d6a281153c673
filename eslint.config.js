// ESLint (flat config): typescript-eslint's type-aware recommended rules, plus the import boundaries of the layout.
// `npm run lint`; run by `npm test`. test/unit/tooling/lint-boundaries.test.ts proves each boundary fails the build.
import { builtinModules } from 'node:module';
import js from '@eslint/js';
import { defineConfig } from 'eslint/config';
import tseslint from 'typescript-eslint';

/** `fs`, `node:fs`, `fs/promises`…: every Node.js built-in, with and without the `node:` prefix. */
const NODE_BUILTINS = {
  regex: `^(node:.*|(${builtinModules.map((m) => m.replace(/[/]/g, '\\/')).join('|')})(\\/.*)?)$`,
  message: 'Node.js built-ins are for the edges (functions/, cdk/, test/), not this folder.',
};

/** Packages that tie code to AWS or to an HTTP server. */
const SERVER_PACKAGES = {
  regex:
    '^(@aws-sdk\\/|@aws-lambda-powertools\\/|aws-cdk-lib|aws-cdk$|constructs$|aws-jwt-verify|aws-lambda$|hono($|\\/)|@hono\\/|dynalite$|esbuild$)',
  message: 'AWS, CDK and HTTP-server packages belong in functions/ or cdk/, not here.',
};

/** A relative import that reaches into a folder named `name` (e.g. `../../functions/http/deps.ts`). */
const into = (names, message) => ({ regex: `(^|\\/)(${names.join('|')})\\/`, message });

/** The boundaries, one block per folder; each lists what that folder may not import. */
const boundaries = [
  {
    // The core is pure: no AWS, files, network, clock or HTTP, and nothing from the layers that use it.
    files: ['core/**/*.ts'],
    patterns: [
      into(
        ['functions', 'cdk', 'test'],
        'core/ imports nothing from functions/, cdk/ or test/: the dependency points the other way.',
      ),
      NODE_BUILTINS,
      SERVER_PACKAGES,
    ],
  },
  {
    // Services are plain use cases: HTTP translates to them, they know nothing of HTTP.
    files: ['functions/service/**/*.ts'],
    patterns: [
      into(['http'], 'functions/service/ imports nothing from functions/http/: services know nothing of HTTP.'),
    ],
  },
  {
    // Browser code is bundled by esbuild for the browser; build.ts is that bundling step and runs in Node.js.
    files: ['functions/web/**/*.ts'],
    ignores: ['functions/web/build.ts'],
    patterns: [
      into(
        ['http', 'service', 'adapters', 'lambda', 'local', 'grading', 'auth', 'cli', 'ports', 'observability', 'cdk'],
        'functions/web/ is browser code: it imports no server module.',
      ),
      {
        regex: '(^|\\/)build(\\.ts)?$',
        message: 'build.ts runs in Node.js (esbuild); browser code does not import it.',
      },
      {
        regex: '^\\.\\.\\/config(\\.ts)?$',
        message: 'functions/config.ts reads the server environment; browser code does not import it.',
      },
      NODE_BUILTINS,
      SERVER_PACKAGES,
    ],
  },
];

export default defineConfig(
  {
    ignores: [
      'node_modules/',
      'cdk.out/',
      '.data/',
      'test-results/',
      '.bench/',
      '.prof/',
      '**/*.js',
      '**/*.mjs',
      '**/*.d.ts',
    ],
  },
  js.configs.recommended,
  tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      // `any` flowing from parsed JSON and test fixtures: the casts issue #19 item 5 removes contract by contract.
      // Until then these would flag ~360 lines, most of them tests reading HTTP answers.
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      // An async function that does not await yet keeps the interface it implements (ports, CLI commands).
      '@typescript-eslint/require-await': 'off',
      // A leading underscore marks a value left out on purpose (`const { id: _id, ...rest } = x`).
      '@typescript-eslint/no-unused-vars': [
        'error',
        {
          argsIgnorePattern: '^_',
          varsIgnorePattern: '^_',
          destructuredArrayIgnorePattern: '^_',
          caughtErrors: 'none',
        },
      ],
      // Replacing control characters before showing bytes is what such a regex is for.
      'no-control-regex': 'off',
      // `String(value)` on data read defensively (stored JSON, form fields) is deliberate.
      '@typescript-eslint/no-base-to-string': 'off',
      // `ready(x) && act(x)` as a statement is used for guarded steps in the simulators.
      '@typescript-eslint/no-unused-expressions': ['error', { allowShortCircuit: true, allowTernary: true }],
      // Async event listeners are the browser code's idiom; each catches its own errors. Promises passed where a
      // value is awaited, or in conditions, are still errors.
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { arguments: false } }],
    },
  },
  {
    // Tests and the bench read untyped JSON (HTTP answers, CloudFormation templates): `any` is their honest type.
    files: ['test/**/*.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  ...boundaries.map(({ files, ignores, patterns }) => ({
    files,
    ...(ignores ? { ignores } : {}),
    rules: { 'no-restricted-imports': ['error', { patterns }] },
  })),
  {
    // No clock and no randomness in the core: both are injected (core/random.ts takes a seed).
    files: ['core/**/*.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: "CallExpression[callee.object.name='Date'][callee.property.name='now']",
          message: 'core/ reads no clock: take the time as an argument.',
        },
        {
          selector: "NewExpression[callee.name='Date'][arguments.length=0]",
          message: 'core/ reads no clock: take the time as an argument.',
        },
        {
          selector: "CallExpression[callee.object.name='Math'][callee.property.name='random']",
          message: 'core/ is deterministic: use core/random.ts with a seed.',
        },
        { selector: "MemberExpression[object.name='performance']", message: 'core/ reads no clock.' },
      ],
    },
  },
);
