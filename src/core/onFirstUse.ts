/**
 * A module loaded on its first use, once. Activation registers thin handlers that await it, so
 * VS Code reads and compiles a feature's code only when someone uses the feature (the bundler
 * gives each `import()` its own file). A load that failed is tried again on the next use.
 */
export interface FirstUse<T> {
  /** The module, loading it now if this is the first use. */
  get(): Promise<T>;
  /** The module if it has been loaded, without loading it: for what only matters once it ran. */
  loaded(): T | undefined;
  /**
   * Runs `use` on the module now if it is loaded, once it is if it is loading, else never:
   * disposal, so that a load still under way when the extension stops is disposed too.
   */
  whenLoaded(use: (module: T) => void): void;
}

export function onFirstUse<T>(load: () => Promise<T>): FirstUse<T> {
  let pending: Promise<T> | undefined;
  let value: T | undefined;
  const get = (): Promise<T> =>
    (pending ??= load().then(
      (v) => (value = v),
      (e: unknown) => {
        pending = undefined;
        throw e;
      },
    ));
  return {
    get,
    loaded: () => value,
    whenLoaded: (use) => {
      if (value !== undefined) use(value);
      else void pending?.then(use, () => undefined);
    },
  };
}
