/** A function per property of T, each making that property's value. */
export type Makers<T> = { readonly [K in keyof T]: () => T[K] };

/**
 * An object whose properties are made when first read, each once (then a plain property). A request's
 * scope holds some twenty loaders and most requests use two or three of them: a DataLoader costs its
 * options, its cache and its closures, made for nothing when nothing reads it.
 */
export function lazily<T extends object>(makers: Makers<T>): T {
  const out = {} as T;
  for (const key of Object.keys(makers) as Array<keyof T & string>) {
    Object.defineProperty(out, key, {
      enumerable: true,
      configurable: true,
      get() {
        const value = makers[key]();
        Object.defineProperty(out, key, { value, enumerable: true, writable: false, configurable: false });
        return value;
      },
    });
  }
  return out;
}

/** `make()`, called once, on the first call. */
export function once<T>(make: () => T): () => T {
  let made: { value: T } | null = null;
  return () => (made ??= { value: make() }).value;
}

/**
 * `make(options)`, made once per distinct `keyOf(options)` and then reused: one loader per option set
 * (page size, cursor, columns …) within a request, so that loads with the same options batch together.
 */
export function perKey<O, T>(keyOf: (options: O) => string | number | boolean, make: (options: O) => T): (options: O) => T {
  const made = new Map<string | number | boolean, T>();
  return (options) => {
    const key = keyOf(options);
    let value = made.get(key);
    if (value === undefined) made.set(key, (value = make(options)));
    return value;
  };
}
