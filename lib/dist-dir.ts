/**
 * The build's folder, relative to the project. Tests and benchmarks build into
 * their own (`NEXT_DIST_DIR`), so that they never disturb a running `npm start`.
 */
export function distDir(): string {
  return process.env.NEXT_DIST_DIR ?? '.next';
}
