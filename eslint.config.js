import tseslint from 'typescript-eslint';
import pluginVue from 'eslint-plugin-vue';

export default tseslint.config(
  { ignores: ['out/**', 'out-*/**', 'dist/**', 'native/**', 'node_modules/**', 'test-results/**', '.kiosk-data/**'] },
  ...tseslint.configs.recommended,
  ...pluginVue.configs['flat/recommended'],
  {
    files: ['**/*.vue'],
    languageOptions: { parserOptions: { parser: tseslint.parser } },
  },
  {
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      // Formatting is Prettier's job.
      'vue/max-attributes-per-line': 'off',
      'vue/singleline-html-element-content-newline': 'off',
      'vue/multiline-html-element-content-newline': 'off',
      'vue/html-self-closing': 'off',
      'vue/html-indent': 'off',
      'vue/html-closing-bracket-newline': 'off',
      'vue/attributes-order': 'off',
      // Boundaries between the parts (main/ vs the demo and dev code, the renderer vs main and
      // Electron) are dependency-cruiser's (.dependency-cruiser.cjs), which also sees dynamic imports.
    },
  },
  {
    // Screens, components and stores reach the backend through the action modules
    // (renderer/src/actions/<feature>.ts), never through the transport itself: one place per
    // feature says what it calls, and busy/error handling stays the same everywhere (useAction).
    files: ['renderer/**'],
    ignores: ['renderer/src/actions/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/api/client', '**/api/client.ts'],
              message: 'Call the backend through an action in renderer/src/actions/, not the client.',
            },
          ],
        },
      ],
    },
  },
  {
    // Test fakes stand in for Electron objects whose full types are not worth spelling out.
    files: ['test/**'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    // End-to-end tests wait on a state they assert, never on a guess: on a loaded 2-core CI a
    // snapshot taken before the screen settled picks the wrong branch, and a sleep is either too
    // short there or wasted everywhere else.
    files: ['test/e2e/**'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: "CallExpression[callee.property.name='waitForTimeout']",
          message: 'Wait for the state you expect (expect(locator).toBeVisible(), expect.poll, a response or event), not for time.',
        },
        {
          selector: "NewExpression[callee.name='Promise'] > ArrowFunctionExpression > CallExpression.body[callee.name='setTimeout']",
          message: 'A fixed sleep is a guess: wait for the state you expect (expect(...), expect.poll).',
        },
        {
          selector: 'CallExpression[callee.property.name=/^is(Visible|Hidden|Enabled|Disabled|Checked|Editable)$/]',
          message:
            'This reads a snapshot that may be taken before the screen settles. Assert the state (await expect(locator).toBeVisible()), or, where the screen may show one of two things, use whichShows() from test/e2e/waits.ts.',
        },
        {
          selector: ":matches(IfStatement, ConditionalExpression, WhileStatement) > .test CallExpression[callee.property.name='count']",
          message: 'Branching on how many elements match right now: assert which state the page is in (expect(a.or(b)).toBeVisible(), whichShows()) or poll (expect.poll).',
        },
      ],
    },
  },
);
