// Whether a process of this host still runs, for the folders and locks a dead process leaves.

/**
 * Whether process `pid` may still be running: signal 0 checks that a process exists without
 * touching it (ESRCH: none; EPERM: one exists that belongs to another user; any other failure
 * cannot tell, and counts as running, so that nothing a live process uses is taken from it). A
 * pid reused by an unrelated process also counts as running.
 */
export function processRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code !== 'ESRCH';
  }
}
