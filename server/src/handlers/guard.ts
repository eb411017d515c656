import type { CancellationToken } from 'vscode-languageserver/node';

/**
 * Runs a request handler so that it always answers: a cancelled request gets the fallback at once, a handler
 * that throws is logged and answers the fallback. One bad document never takes the server down.
 */
export function guarded<P, R>(
  name: string,
  fallback: R,
  log: (message: string) => void,
  handler: (params: P, token: CancellationToken) => R,
): (params: P, token: CancellationToken) => R {
  return (params, token) => {
    if (token.isCancellationRequested) return fallback;
    try {
      return handler(params, token);
    } catch (error) {
      log(`${name} failed: ${(error as Error).stack ?? String(error)}`);
      return fallback;
    }
  };
}
