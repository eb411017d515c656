import * as fs from 'fs';

/**
 * Calls `onChange` once a burst of changes under the matrices folder has settled. Editors save in several
 * steps (write, rename); reloading after each would validate half-written files.
 */
export function watchMatrices(dir: string, onChange: () => void, log: (message: string) => void, settleMs = 300): () => void {
  let timer: NodeJS.Timeout | undefined;
  let watcher: fs.FSWatcher;
  try {
    watcher = fs.watch(dir, { recursive: true }, () => {
      clearTimeout(timer);
      timer = setTimeout(onChange, settleMs);
    });
  } catch (error) {
    log(`not watching ${dir}: ${(error as Error).message}`);
    return () => undefined;
  }
  watcher.on('error', (error) => log(`stopped watching ${dir}: ${error.message}`));
  return () => {
    clearTimeout(timer);
    watcher.close();
  };
}
