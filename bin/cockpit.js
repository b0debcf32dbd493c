#!/usr/bin/env node
// The `cockpit` command. Runs the TypeScript sources directly through tsx, so the CLI needs no
// build step and always matches the code next to it.
import { register } from 'tsx/esm/api';

register();
await import('../src/cli/main.ts');
