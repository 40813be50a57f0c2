/** Languages every built-in kata ships starter files for (and that a dojo may be scheduled in). */
export const Languages = ['typescript', 'python', 'java', 'go'] as const;
export type Language = (typeof Languages)[number];

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (Languages as readonly string[]).includes(value);
}

/** How starter files are laid out and run in one language, so clients can tell code from tests and show how to run them. */
export interface LanguageConvention {
  /** Human-readable name. */
  label: string;
  /** Test framework the starter test files are written for. */
  testFramework: string;
  /** Command a participant runs in the kata's directory to run the tests. */
  testCommand: string;
  /** Whether a starter path is a test file (the other files are the code the dojo works on). */
  isTestFile(path: string): boolean;
}

export const languageConventions: Readonly<Record<Language, LanguageConvention>> = {
  typescript: {
    label: 'TypeScript',
    testFramework: 'node:test',
    // Node 24 runs .ts files directly (type stripping), so the starters need no package.json or compiler.
    testCommand: 'node --test',
    isTestFile: (path) => path.endsWith('.test.ts'),
  },
  python: {
    label: 'Python',
    testFramework: 'pytest',
    testCommand: 'python -m pytest',
    isTestFile: (path) => /(^|\/)test_[^/]*\.py$/.test(path),
  },
  java: {
    label: 'Java',
    testFramework: 'JUnit 5',
    testCommand: 'mvn test',
    isTestFile: (path) => path.startsWith('src/test/java/') && path.endsWith('Test.java'),
  },
  go: {
    label: 'Go',
    testFramework: 'testing',
    testCommand: 'go test ./...',
    isTestFile: (path) => path.endsWith('_test.go'),
  },
};
