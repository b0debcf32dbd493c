import { ESLint } from 'eslint';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/cli';

const eslint = new ESLint({ cwd: ROOT });

async function problems(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: join(ROOT, file) });
  return result!.messages.map((m) => `${m.ruleId}: ${m.message}`);
}

// The lint rule that keeps DESIGN.md's import arrows, checked against imports that break them.
describe('layer rule', () => {
  it('refuses imports against the arrows', async () => {
    expect(
      await problems(
        'src/renderer/probe.ts',
        `import { createCore } from '../core';\nexport const x = createCore;\n`,
      ),
    ).toEqual([
      'boundaries/dependencies: a renderer module may not import from core (see DESIGN.md §3: imports point one way)',
    ]);
    expect(
      await problems(
        'src/shared/probe.ts',
        `import { Store } from '../core/store/store';\nexport const x = Store;\n`,
      ),
    ).toEqual([
      'boundaries/dependencies: a shared module may not import from core (see DESIGN.md §3: imports point one way)',
    ]);
    expect(
      await problems(
        'src/core/probe.ts',
        `import { startHost } from '../host/host';\nexport const x = startHost;\n`,
      ),
    ).toEqual([
      'boundaries/dependencies: a core module may not import from host (see DESIGN.md §3: imports point one way)',
    ]);
  });

  it('keeps platform modules where they can run', async () => {
    const [electronInCore] = await problems(
      'src/core/probe.ts',
      `import { app } from 'electron';\nexport const x = app;\n`,
    );
    expect(electronInCore).toMatch(/^no-restricted-imports: .*Only electron\/ imports Electron/);
    const [nodeInShared] = await problems(
      'src/shared/probe.ts',
      `import { readFileSync } from 'node:fs';\nexport const x = readFileSync;\n`,
    );
    expect(nodeInShared).toMatch(/src\/shared runs anywhere/);
    const [nodeInRenderer] = await problems(
      'src/renderer/probe.ts',
      `import { join } from 'node:path';\nexport const x = join;\n`,
    );
    expect(nodeInRenderer).toMatch(/reaches the core only through src\/renderer\/api/);
  });

  it('allows imports along the arrows', async () => {
    expect(
      await problems(
        'src/renderer/probe.ts',
        `import { formatMoney } from '../shared/money';\nexport const x = formatMoney;\n`,
      ),
    ).toEqual([]);
    expect(
      await problems(
        'src/host/probe.ts',
        `import { createCore } from '../core';\nexport const x = createCore;\n`,
      ),
    ).toEqual([]);
    expect(
      await problems(
        'electron/main/probe.ts',
        `import { createCore } from '../../src/core';\nexport const x = createCore;\n`,
      ),
    ).toEqual([]);
  });
});
