/**
 * The items of `source`, reading the next one while the caller works on the current one (at most one
 * item ahead). A caller that stops early closes the source once the read in flight has ended.
 */
export async function* readAhead<T>(source: AsyncGenerator<T>): AsyncGenerator<T> {
  let next = source.next();
  let done = false;
  try {
    for (;;) {
      const r = await next;
      if (r.done) {
        done = true;
        return;
      }
      next = source.next();
      // Read in the background: its failure is raised when the caller asks for that item.
      next.catch(() => undefined);
      yield r.value;
    }
  } finally {
    if (!done) {
      await next.catch(() => undefined);
      await source.return(undefined);
    }
  }
}
