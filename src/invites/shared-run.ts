// A background pass (a sweep) that concurrent callers share: a timer's call while the previous
// pass still runs joins it instead of starting a second one alongside.
export function sharedRun<T>(run: () => Promise<T>): () => Promise<T> {
  let running: Promise<T> | undefined;
  return () => {
    running ??= run().finally(() => {
      running = undefined;
    });
    return running;
  };
}
