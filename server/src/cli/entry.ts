/**
 * The entry of the `rlens` bundle (dist/cli.js). The same file is the script of `rlens scan --workers N`'s
 * threads, so the package carries one copy of the engine, not one for the CLI and another for its workers.
 */
import { isMainThread } from 'worker_threads';
import { main } from './main';
import { runScanWorker } from './worker';

if (isMainThread) {
  void main(process.argv.slice(2), {
    stdout: (s) => process.stdout.write(s),
    stderr: (s) => process.stderr.write(s),
    cwd: process.cwd(),
    env: process.env,
    isTTY: process.stdout.isTTY === true && process.stderr.isTTY === true,
  }).then((code) => {
    process.exitCode = code;
  });
} else {
  runScanWorker();
}
