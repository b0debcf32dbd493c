import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { importBench } from '/work/main/tests/bench/import.bench';
const dir = mkdtempSync(join(tmpdir(), 'cockpit-bench-'));
try { await importBench(dir); } finally { rmSync(dir, { recursive: true, force: true }); }
