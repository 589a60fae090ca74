import { grammars } from './assets';

/** Mocha root hooks: load the wasm grammars once before any test. */
export const mochaHooks = {
  async beforeAll(): Promise<void> {
    await grammars();
  },
};
