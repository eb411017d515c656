import { ErrorCodes, ResponseError, type CancellationToken } from 'vscode-languageserver/node';

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

/**
 * The server's place in the LSP lifecycle. After `shutdown` the protocol allows only `exit`: every other request
 * is refused with InvalidRequest instead of answered from a server that is going away.
 */
export class Lifecycle {
  private down = false;

  shutDown(): void {
    this.down = true;
  }

  get isShutDown(): boolean {
    return this.down;
  }

  /** `handler`, refusing once the server is shut down. */
  serving<P, R>(handler: (params: P, token: CancellationToken) => R): (params: P, token: CancellationToken) => R {
    return (params, token) => {
      if (this.down) throw new ResponseError(ErrorCodes.InvalidRequest, 'The server is shut down: only "exit" is accepted.');
      return handler(params, token);
    };
  }
}
