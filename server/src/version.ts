/** The product version, injected by esbuild from package.json (falls back to 'dev' in tests). */
declare const HCIAC_VERSION: string | undefined;
export const productVersion: string = typeof HCIAC_VERSION === 'string' ? HCIAC_VERSION : 'dev';
