// The integration suites. Each suite runs in its own fresh host (own server, user-data-dir
// and copy of its workspace), so suites cannot leak settings or state into each other.
//
//   name       used with `--suite <name>` and in the run folder's name
//   files      globs of test files (TypeScript sources; the host loads their compiled
//              out/**/*.js twins). Suites must not share a file: use `exclude`.
//   exclude    globs of test files left to other suites
//   workspace  a fixture folder, or a multi-root `.code-workspace` file (its whole folder is
//              copied, then the copied file is opened)
//   settings   extra User settings for this suite (optional)
//   env        extra environment for the extension host (optional)
//   workspaceTrust  true: the host runs with workspace trust on, so an untrusted workspace
//              opens in Restricted Mode (the other suites run with trust disabled)
const SUITES = [
  {
    name: 'main',
    files: ['test/integration/**/*.test.ts'],
    exclude: ['test/integration/multiroot/**', 'test/integration/trust/**'],
    workspace: 'test/fixtures/workspace',
  },
  {
    // Privacy per folder: one private folder, one open folder with its own exclude, a loose file beside them.
    name: 'multiroot',
    files: ['test/integration/multiroot/**/*.test.ts'],
    workspace: 'test/fixtures/multiroot/team.code-workspace',
  },
  {
    // Restricted Mode: a repository whose .vscode/settings.json sets every restricted setting, opened untrusted.
    name: 'trust',
    files: ['test/integration/trust/**/*.test.ts'],
    workspace: 'test/fixtures/untrusted',
    workspaceTrust: true,
    settings: {
      'security.workspace.trust.enabled': true,
      'security.workspace.trust.startupPrompt': 'never',
      'security.workspace.trust.banner': 'never',
      'security.workspace.trust.untrustedFiles': 'open',
    },
  },
];

module.exports = { SUITES };
