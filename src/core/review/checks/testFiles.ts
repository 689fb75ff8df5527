// Files that exist to test or demonstrate the product, not to be it: unit
// and end-to-end tests, their fixtures and mocks, Storybook stories, seed
// data. What they hold never reaches a user, a log or an analytics vendor.

const TEST_NAME = /\.(?:test|spec|e2e|stories|story|cy|fixture|fixtures|mock|mocks)\.[^/]+$|(?:^|[._-])(?:test|spec)s?\.[cm]?[jt]sx?$|_test\.(?:go|py|rb)$|_spec\.rb$|^test_\w+\.py$|^(?:conftest|setupTests|jest\.setup|vitest\.setup)\.[^/]+$/i;
/** JUnit's, XCTest's and PHPUnit's classes, by case: `CheckoutTest.kt`, `CartTests.swift`, `InvoiceTest.php` (not `Latest.php`). */
const TEST_CLASS = /[a-z0-9](?:Test|Tests|Spec)\.(?:kt|kts|swift|php)$/;
const TEST_FOLDERS = new Set([
  '__tests__', '__test__', '__mocks__', '__fixtures__', '__snapshots__', '__stories__', 'test', 'tests', 'e2e', 'spec', 'specs',
  'fixtures', 'fixture', 'mocks', 'mock', 'stories', 'storybook', '.storybook', 'cypress', 'playwright', 'testdata', 'test-data',
  'seed', 'seeds', 'seeders',
]);

/** True for a test, a fixture, a mock, a story or seed data, by its name or a folder it sits in. */
export function isTestOrFixture(path: string): boolean {
  const segments = path.split('/');
  const name = segments[segments.length - 1];
  return TEST_NAME.test(name) || TEST_CLASS.test(name) || segments.slice(0, -1).some((folder) => TEST_FOLDERS.has(folder.toLowerCase()));
}
