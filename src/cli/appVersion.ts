import { readFileSync } from 'node:fs';

/** The version in package.json, shown by `cockpit --version` and `app.info`. */
export const APP_VERSION: string = (
  JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
    version: string;
  }
).version;
