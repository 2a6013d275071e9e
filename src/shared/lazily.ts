/** A function per property of T, each making that property's value. */
export type Makers<T> = { readonly [K in keyof T]: () => T[K] };

const MAKERS = Symbol('threatmesh.makers');

/**
 * A maker of objects whose properties are made when first read, each once (then an own, read-only
 * property). A request's scope holds some twenty loaders and most requests use two or three of them:
 * a DataLoader costs its options, its cache and its closures, made for nothing when nothing reads it.
 *
 * The properties are getters on one prototype, made on the first call from that call's makers (every
 * call must pass the same properties): an object is then one `Object.create` and its makers, where
 * defining twenty accessors on each new object cost more than the loaders it saved.
 */
export function lazily<T extends object>(): (makers: Makers<T>) => T {
  let proto: object | null = null;
  return (makers) => {
    proto ??= prototypeOf(Object.keys(makers));
    const out = Object.create(proto) as { [MAKERS]: Makers<T> };
    out[MAKERS] = makers;
    return out as unknown as T;
  };
}

function prototypeOf(keys: readonly string[]): object {
  const proto = {};
  for (const key of keys) {
    Object.defineProperty(proto, key, {
      get(this: { [MAKERS]: Record<string, () => unknown> }) {
        const make = this[MAKERS][key];
        if (!make) throw new Error(`lazily: no maker for "${key}"`);
        const value = make();
        Object.defineProperty(this, key, { value, enumerable: true, writable: false, configurable: false });
        return value;
      },
    });
  }
  return proto;
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
