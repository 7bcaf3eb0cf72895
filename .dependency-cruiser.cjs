/**
 * Boundaries between the kiosk's parts, checked by `npm run lint`. dependency-cruiser reads every
 * import: static, type-only and dynamic `import('…')` alike (ESLint's no-restricted-imports sees
 * only static ones), so the fence for main/ lives here and only here.
 *
 * - No import cycles anywhere: a cycle means two modules cannot be understood (or tested) apart.
 * - The renderer and common/ do not import main/ or Electron: the renderer reaches the kiosk only
 *   through the contract, so it runs the same in the Electron window and the browser shell.
 * - The shell (main/) does not depend on the simulator, the tools, the demo, the benchmarks or the
 *   tests: none of them ships in the installer (electron-builder.yml, installer-files.test.ts),
 *   and production mode must not be able to reach them. The demo's parts are loaded by the entry
 *   points from a file path only when DEMO mode was asked for (main/startup/demo-parts.ts).
 * - The kiosk's capabilities (main/services/) do not depend on the API layer (main/api/): the API
 *   is a thin adapter over the services, built in main/backend.ts; a service that needs something
 *   from it means that thing belongs in the service or in common/.
 *
 * No known violations are allowed: `test/unit/module-boundaries.test.ts` shows the fences for
 * main/ and the renderer catching each kind of import.
 *
 * @type {import('dependency-cruiser').IConfiguration}
 */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      comment: 'Import cycles (type-only ones too): move the shared types or functions to a module of their own.',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    {
      name: 'main-not-demo-or-dev-code',
      comment:
        'main/ (the kiosk) may not import the provincial API simulator, the tools (printer emulator, …), the demo, benchmarks or tests: they do not ship. The demo is loaded by path through main/startup/demo-parts.ts.',
      severity: 'error',
      from: { path: '^main/' },
      to: { path: '^(simulator|tools|demo|bench|test)/' },
    },
    {
      name: 'renderer-through-the-contract',
      comment:
        'The renderer (and common/, which both sides use) reaches the kiosk only through the contract (common/contract, window.kiosk): never main/ or Electron.',
      severity: 'error',
      from: { path: '^(renderer|common)/' },
      to: { path: '^main/|(^|/)node_modules/electron/' },
    },
    {
      name: 'services-not-api',
      comment: 'main/services/ may not import main/api/: the API slices are built over the services in main/backend.ts, never the other way round.',
      severity: 'error',
      from: { path: '^main/services/' },
      to: { path: '^main/api/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    // node_modules is not followed but not excluded either: the renderer's fence must see Electron.
    exclude: { path: '^(out|out-[^/]*|dist|native|test-results)/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.test.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      extensions: ['.ts', '.vue', '.js', '.mjs', '.cjs', '.json', '.d.ts'],
    },
  },
};
