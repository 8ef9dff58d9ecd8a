import type * as Sdk from './sdk';

/** The client libraries (openai, @huggingface/inference, undici), loaded on first use. */
export type SdkModule = typeof Sdk;

let loaded: SdkModule | undefined;

/** Loads the libraries (once); the build keeps `./sdk` a separate file next to the bundle. */
export function sdk(): SdkModule {
  // A static require (not import()) so the bundler can point it at the separate file; synchronous on purpose.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  loaded ??= require('./sdk');
  if (!loaded) throw new Error('The client libraries could not be loaded.');
  return loaded;
}

/** The libraries if something already loaded them; an error of theirs cannot exist before that. */
export function loadedSdk(): SdkModule | undefined {
  return loaded;
}
