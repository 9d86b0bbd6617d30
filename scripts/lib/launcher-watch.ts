/*
 * `npm start` is stopped by a signal to npm alone (`docker stop`, systemd,
 * `kill <pid>`), and npm only passes it to its direct child: the shell of the
 * script when there is one, which dies without passing it on. So besides
 * handling signals itself, start.ts watches its parent: when that process is
 * gone (even killed outright), the operating system hands us to another
 * parent, process.ppid changes, and we stop everything we started.
 */

/** Calls `onGone` once when this process's parent has exited; returns a function that stops watching. */
export function watchLauncher(onGone: () => void, intervalMs = 250): () => void {
  const launcher = process.ppid;
  const timer = setInterval(() => {
    if (process.ppid === launcher) return;
    clearInterval(timer);
    onGone();
  }, intervalMs);
  // The watch alone must not keep the process alive.
  timer.unref();
  return () => clearInterval(timer);
}
