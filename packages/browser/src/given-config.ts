/**
 * The `data-*` attributes an app passed to `init()` (the ESM build), read instead of the script
 * tag's. The script-tag build compiles this out (`__ESM__` is false there), so it costs no byte.
 */
export const givenConfig: { get?: (name: string) => string | null } = {};
