/**
 * The desktop app's own settings on this laptop (not the team's, not synced), in
 * `desktop-settings.json` of the user-data folder. Read leniently: a missing or broken file, or a
 * field of the wrong type, means its default.
 */
import { z } from 'zod';

export const DesktopSettings = z.object({
  /** Look for a new version at start and every few hours, download it, install it on quit. */
  autoUpdate: z.boolean().catch(true).default(true),
});
export type DesktopSettings = z.infer<typeof DesktopSettings>;

export function readDesktopSettings(raw: unknown): DesktopSettings {
  const parsed = DesktopSettings.safeParse(raw);
  return parsed.success ? parsed.data : DesktopSettings.parse({});
}
