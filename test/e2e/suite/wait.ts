import * as vscode from 'vscode';

/**
 * Asks again until `accept` holds. Providers such as inlay hints have no change event, so each retry waits for
 * the next diagnostics change (the server publishes after every analysis) with a short fallback tick, until a
 * deadline.
 */
export async function until<T>(what: string, ask: () => Thenable<T>, accept: (value: T) => boolean, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: T | undefined;
  while (Date.now() < deadline) {
    last = await ask();
    if (accept(last)) return last;
    await new Promise<void>((resolve) => {
      const timer = setTimeout(done, 250);
      const subscription = vscode.languages.onDidChangeDiagnostics(done);
      function done(): void {
        clearTimeout(timer);
        subscription.dispose();
        resolve();
      }
    });
  }
  throw new Error(`timed out waiting for ${what}; last answer: ${JSON.stringify(last)?.slice(0, 500)}`);
}
