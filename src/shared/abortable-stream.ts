/** An async iterator whose return() also wakes a stream that is waiting for new changes. */
export function abortableStream<T>(make: (signal: AbortSignal) => AsyncGenerator<T>): AsyncIterableIterator<T> {
  const ac = new AbortController();
  const gen = make(ac.signal);
  return {
    next: () => gen.next(),
    return: (value?: unknown) => {
      ac.abort();
      return gen.return(value as T);
    },
    throw: (e?: unknown) => {
      ac.abort();
      return gen.throw(e);
    },
    [Symbol.asyncIterator]() {
      return this;
    },
  };
}
