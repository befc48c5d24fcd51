// A bound on how long a person waits: Slack wants an answer to a form within 3 seconds, so the
// look-ups behind it race a timer, and losing the race is an error the caller decides about.

/** Settles like `promise`, or rejects once `ms` have passed without an answer. */
export function withDeadline<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([
    promise,
    new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
    }),
  ]).finally(() => clearTimeout(timer));
}
