/**
 * The arguments `npm run dist` gives electron-builder: the caller's (`npm run dist -- --linux`),
 * plus the update feed when `COCKPIT_UPDATE_URL` names one. The packages then carry it in
 * `app-update.yml` and the release folder gets the `latest*.yml` files to upload next to them.
 */
export function distArgs(
  env: Record<string, string | undefined>,
  argv: readonly string[],
): string[] {
  const url = env.COCKPIT_UPDATE_URL?.trim();
  if (!url) return [...argv];
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new Error(`COCKPIT_UPDATE_URL is not an address: ${url}`);
  }
  if (parsed.protocol !== 'https:' || parsed.username || parsed.password) {
    throw new Error(`COCKPIT_UPDATE_URL must be an https:// address without a password: ${url}`);
  }
  return [...argv, '-c.publish.provider=generic', `-c.publish.url=${parsed.href}`];
}
