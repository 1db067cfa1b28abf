/**
 * A signal that aborts when the process gets SIGINT or SIGTERM (a cancelled workflow run), so the engine
 * can stop the step in flight and leave things safe. Call it from an entry file, never at import time.
 */
export function onCancel(): AbortSignal {
  const controller = new AbortController();
  const abort = (signal: NodeJS.Signals): void => {
    controller.abort(new Error(`received ${signal}`));
  };
  process.once('SIGINT', abort);
  process.once('SIGTERM', abort);
  return controller.signal;
}
