/**
 * `npm run dist`: the desktop packages of electron-builder.yml, with the update feed of
 * `COCKPIT_UPDATE_URL` when it is set (see README: Desktop app). Nothing is published; upload the
 * release folder to the feed yourself.
 */
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { distArgs } from './distArgs';

let args: string[];
try {
  args = distArgs(process.env, process.argv.slice(2));
} catch (error) {
  console.error((error as Error).message);
  process.exit(2);
}
const cli = createRequire(import.meta.url).resolve('electron-builder/cli.js');
const result = spawnSync(process.execPath, [cli, '--publish', 'never', ...args], {
  stdio: 'inherit',
});
process.exit(result.status ?? 1);
