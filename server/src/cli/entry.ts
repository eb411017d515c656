/**
 * The entry of the `rlens` bundle (dist/cli.js). The same file is the script of `rlens scan --workers N`'s
 * threads, so the package carries one copy of the engine, not one for the CLI and another for its workers.
 */
import { isMainThread } from 'worker_threads';
import { languageFrom } from '../i18n/language';
import { main } from './main';
import { GuardedStream, printable } from './terminal';
import { runScanWorker } from './worker';
import { say } from './words';

if (isMainThread) {
  const stderr = new GuardedStream(process.stderr);
  const stdout = new GuardedStream(process.stdout, (error) => {
    process.exitCode = 2;
    stderr.write(`rlens: ${say(languageFrom(undefined, process.env.LC_ALL || process.env.LANG), 'stdoutFailed', printable(error.code ?? error.message))}\n`);
  });
  void main(process.argv.slice(2), {
    stdout: stdout.write,
    stderr: stderr.write,
    cwd: process.cwd(),
    env: process.env,
    isTTY: process.stdout.isTTY === true && process.stderr.isTTY === true,
    columns: process.stdout.isTTY === true ? process.stdout.columns : undefined,
  }).then((code) => {
    // Standard output that could not be written (other than a reader that stopped early) is an input/output error.
    process.exitCode = stdout.failed ? 2 : code;
  });
} else {
  runScanWorker();
}
