// Lint: the core stays editor-free (no runtime `vscode` import under src/core), the loader in
// src/boot imports the extension as types only, no `as`
// casts that silence the type checker, no import cycles, and the layers of src/core only
// import downwards.
//
// Layers of src/core, lowest first (a module may import its own layer and the ones below):
//   0. config.ts, settingMention.ts: leaves, import nothing of the core; providers.ts (the
//      table of provider facts) imports only config.ts, so every layer may use it.
//   1. net/                       (config)
//   2. fim/, privacy/, egress/    (net, config); these three do not import each other.
//      trust.ts sits here too: it reads privacy/folderSettings' scoped values.
//   3. llm/                       (fim, privacy, egress, net, config)
//   4. engine/ (router, guard, retry, circuit, fallback, usage events; llm and everything below)
//   5. features: inline/, context/, prompts/, usage/, status/, connection/ (everything
//      below); among themselves only status -> connection, so the features stay a DAG.
// src/webview runs in a browser sandbox: only the protocol and view-model modules it renders.
import globals from 'globals';
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';
import importX from 'eslint-plugin-import-x';
import tseslint from 'typescript-eslint';

const core = (p) => `./src/core/${p}`;
const FEATURES = ['inline', 'context', 'prompts', 'usage', 'status', 'connection'];
const ABOVE_LLM = [core('engine'), ...FEATURES.map(core)];
const ABOVE_L2 = [core('llm'), ...ABOVE_LLM];
const ABOVE_NET = [core('fim'), core('privacy'), core('egress'), core('trust.ts'), ...ABOVE_L2];
const zone = (target, from, message) => ({ target, from, message });

const layerZones = [
  zone([core('config.ts'), core('settingMention.ts')], core(''), 'config.ts and settingMention.ts are leaves of the core.'),
  { target: core('providers.ts'), from: core(''), except: ['./config.ts'], message: 'providers.ts may import only config.ts.' },
  zone(core('net'), ABOVE_NET, 'net/ is the lowest layer above config.'),
  zone(core('fim'), [core('privacy'), core('egress'), ...ABOVE_L2], 'fim/ may use only net/ and config.'),
  zone(core('privacy'), [core('fim'), core('egress'), ...ABOVE_L2], 'privacy/ may use only net/ and config.'),
  zone(core('egress'), [core('fim'), core('privacy'), ...ABOVE_L2], 'egress/ may use only net/ and config.'),
  zone(core('llm'), ABOVE_LLM, 'llm/ must not import engine/ or a feature folder.'),
  zone(core('engine'), FEATURES.map(core), 'engine/ must not import a feature folder.'),
  ...FEATURES.filter((f) => f !== 'status').map((f) =>
    zone(core(f), FEATURES.filter((g) => g !== f).map(core), `${f}/ must not import another feature folder.`)),
  zone(core('status'), FEATURES.filter((g) => g !== 'status' && g !== 'connection').map(core), 'status/ may use connection/ only among the feature folders.'),
];

const webviewZone = zone('./src/webview', ['./src/vscode', './src/extension.ts'], 'The webview cannot reach the extension host.');
const webviewCoreZone = {
  target: './src/webview',
  from: './src/core',
  except: ['./config.ts', './providers.ts', './usage/usageProtocol.ts', './usage/view.ts', './prompts/panelProtocol.ts', './egress/egressLog.ts', './egress/egressProtocol.ts', './egress/egressRows.ts'],
  message: 'The webview may import only the protocol and view-model modules of the core.',
};

export default tseslint.config(
  { ignores: ['dist/**', 'out/**', 'node_modules/**', '.cache/**', '.vscode-test/**', '**/*.mjs', '**/*.js', '!scripts/**/*.js', '!test/host/**/*.js'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { prefer: 'type-imports', fixStyle: 'separate-type-imports' }],
      '@typescript-eslint/consistent-type-assertions': ['error', { assertionStyle: 'never' }],
      'no-restricted-syntax': ['error', { selector: 'ExportDefaultDeclaration', message: 'Use named exports.' }],
    },
  },
  {
    files: ['src/**/*.ts'],
    plugins: { 'import-x': importX },
    settings: { 'import-x/resolver-next': [createTypeScriptImportResolver()] },
    rules: {
      'import-x/no-cycle': 'error',
      'import-x/no-restricted-paths': ['error', { zones: [...layerZones, webviewZone, webviewCoreZone] }],
    },
  },
  {
    files: ['src/webview/**/*.ts'],
    plugins: { 'import-x': importX },
    rules: { 'import-x/no-nodejs-modules': 'error' },
  },
  {
    files: ['src/core/**/*.ts', 'src/webview/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': ['error', {
        paths: [{ name: 'vscode', message: 'src/core and src/webview must not import vscode at run time: pass plain data from src/vscode.', allowTypeImports: false }],
      }],
    },
  },
  {
    // The loader is bundled on its own (dist/extension.js): code of the extension it imported at
    // run time would be a second copy beside dist/main.js. Types only, and never vscode.
    files: ['src/boot/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': ['error', {
        paths: [{ name: 'vscode', message: 'src/boot runs before the extension: vscode as a type only.', allowTypeImports: true }],
        patterns: [{ group: ['../*'], message: 'src/boot may import the extension as types only: at run time it would be bundled twice.', allowTypeImports: true }],
      }],
    },
  },
  {
    // Tests may build fixtures loosely.
    files: ['test/**/*.ts', 'bench/**/*.ts'],
    rules: { '@typescript-eslint/consistent-type-assertions': 'off', '@typescript-eslint/no-non-null-assertion': 'off' },
  },
  {
    // The scripts and the test host are plain CommonJS run by Node.
    files: ['scripts/**/*.js', 'test/host/**/*.js'],
    languageOptions: { sourceType: 'commonjs', globals: { ...globals.node } },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
