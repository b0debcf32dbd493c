import { createHash } from 'node:crypto';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  readFileSync,
  readdirSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { tempDir } from '../../../../tests/helpers/tempDir';
import {
  SyncHaltedError,
  type ChangeEntry,
  type DeviceInfo,
  type OpValue,
  type SeqVector,
  type Snapshot,
} from '../types';
import { renameWithRetry } from './atomicFile';
import { FolderTransport, createWorkspace, readWorkspace } from './folderTransport';
import { encodeSegments } from './segment';

const A = 'a1b2c3d4e5f60718';
const B = 'b2c3d4e5f6071829';
const C = 'c3d4e5f60718293a';
const D = 'd4e5f60718293a4b';

function hlc(device: string, n: number, wall = 0x019a6b2c3d4e): string {
  return `${wall.toString(16).padStart(12, '0')}-${n.toString(16).padStart(4, '0')}-${device}`;
}

/** One write of `ops` fields (an insert's bare values and an edit's [value, prevHlc] pairs). */
function entry(device: string, seq: number, ops = 1): ChangeEntry {
  const fields: Record<string, OpValue | [OpValue, string | null]> = {};
  for (let i = 0; i < ops; i++) {
    fields[`f${i}`] = i % 2 === 0 ? seq * 100 + i : [`välue ${seq}.${i}\n"q"`, null];
  }
  return {
    device,
    seq,
    lastSeq: seq + ops - 1,
    hlc: hlc(device, seq),
    table: 'deals',
    changes: [[`row-${seq}`, fields]],
    schemaV: 3,
  };
}

/** `count` consecutive entries of `ops` fields each, from seq `from`. */
function run(device: string, from: number, count: number, ops = 1): ChangeEntry[] {
  const out: ChangeEntry[] = [];
  let seq = from;
  for (let i = 0; i < count; i++) {
    out.push(entry(device, seq, ops));
    seq += ops;
  }
  return out;
}

const transports: FolderTransport[] = [];
afterEach(async () => {
  while (transports.length > 0) await transports.pop()!.close();
});

function transport(dir: string, options?: ConstructorParameters<typeof FolderTransport>[1]) {
  const t = new FolderTransport(dir, options);
  transports.push(t);
  return t;
}

async function workspace(): Promise<string> {
  const dir = tempDir('cockpit-folder-');
  await createWorkspace(dir, 'Team');
  return dir;
}

function segmentsOf(dir: string, device: string): string[] {
  return readdirSync(join(dir, 'ops', device)).sort();
}

/** Every file under `dir` with a hash of its content. */
function listing(dir: string): string[] {
  const out: string[] = [];
  const walk = (rel: string) => {
    for (const name of readdirSync(join(dir, rel)).sort()) {
      const path = rel ? `${rel}/${name}` : name;
      if (statSync(join(dir, path)).isDirectory()) {
        out.push(`${path}/`);
        walk(path);
      } else {
        const hash = createHash('sha256')
          .update(readFileSync(join(dir, path)))
          .digest('hex');
        out.push(`${path} ${hash}`);
      }
    }
  };
  walk('');
  return out;
}

function device(id: string, applied: SeqVector, lastSeen: number): DeviceInfo {
  return {
    id,
    name: `Laptop ${id.slice(0, 4)}`,
    userName: 'Sam',
    userEmail: 'sam@example.com',
    lastSeen,
    publishedSeq: 0,
    publishedHlc: null,
    applied,
    schemaVersion: 3,
    appVersion: '0.1.0',
  };
}

function snapshot(by: string, n: number, vector: SeqVector): Snapshot {
  return {
    device: by,
    hlc: hlc(by, n),
    schemaV: 3,
    vector,
    tables: {
      deals: {
        columns: ['id', 'title', 'value', 'sync_clock'],
        rows: [
          ['d1', 'Acme renewal', 120000, '{}'],
          ['d2', 'Ünïcode "quoted"\nline', null, '{}'],
        ],
      },
      stages: { columns: ['id', 'name'], rows: [] },
    },
  };
}

const seqsOf = (entries: ChangeEntry[]) => entries.map((e) => `${e.device}:${e.seq}-${e.lastSeq}`);

describe('workspace.json', () => {
  it('creates a versioned workspace with its folders, and reads it back', async () => {
    const dir = tempDir();
    const info = await createWorkspace(dir, '  Sales team ');
    expect(info).toMatchObject({
      format: 'lifecycle-cockpit-workspace',
      version: 1,
      name: 'Sales team',
    });
    expect(info.id).toMatch(/^[0-9a-f-]{36}$/);
    for (const sub of ['ops', 'devices', 'snapshots'])
      expect(existsSync(join(dir, sub))).toBe(true);
    expect(readdirSync(dir).some((name) => name.endsWith('.part'))).toBe(false);
    expect(await readWorkspace(dir)).toEqual(info);
  });

  it('refuses a folder that holds a workspace already, and one that does not exist', async () => {
    const dir = await workspace();
    await expect(createWorkspace(dir, 'Again')).rejects.toThrow(/already holds a workspace/);
    await expect(createWorkspace(join(dir, 'nope'), 'Team')).rejects.toThrow(/does not exist/);
  });

  it('refuses a folder with sync files that lost its workspace.json', async () => {
    const dir = await workspace();
    await transport(dir).push(run(A, 1, 2));
    rmSync(join(dir, 'workspace.json'));
    await expect(createWorkspace(dir, 'Team')).rejects.toThrow(/holds sync files/);
  });

  it('asks to update the app for a workspace of a newer version', async () => {
    const dir = await workspace();
    const info = JSON.parse(readFileSync(join(dir, 'workspace.json'), 'utf8'));
    writeFileSync(join(dir, 'workspace.json'), JSON.stringify({ ...info, version: 2 }));
    await expect(readWorkspace(dir)).rejects.toThrow(/version 2.*update Lifecycle Cockpit/);
    await expect(transport(dir).open()).rejects.toBeInstanceOf(SyncHaltedError);
  });
});

describe('push and pull', () => {
  it('carries entries from one device to another through the folder', async () => {
    const dir = await workspace();
    const a = transport(dir);
    const b = transport(dir);
    await a.open();
    await b.open();
    const sent = [entry(A, 1, 3), entry(A, 4, 1), entry(A, 5, 2)];
    await a.push(sent);
    expect(await b.publishedSeq(A)).toBe(6);

    const got = await b.pull(B, {}, 1000);
    expect(got).toEqual({ entries: sent, problems: [], more: false });
    // Nothing of its own comes back to a device.
    expect((await a.pull(A, {}, 1000)).entries).toEqual([]);
    // Nothing more after the last one.
    expect(await b.pull(B, { [A]: 6 }, 1000)).toEqual({ entries: [], problems: [], more: false });
  });

  it('returns what follows a cursor, and an entry straddling the cursor whole', async () => {
    const dir = await workspace();
    await transport(dir).push([...run(A, 1, 3), entry(A, 4, 4), ...run(A, 8, 2)]);
    const b = transport(dir);
    expect(seqsOf((await b.pull(B, { [A]: 3 }, 1000)).entries)).toEqual([
      `${A}:4-7`,
      `${A}:8-8`,
      `${A}:9-9`,
    ]);
    expect(seqsOf((await b.pull(B, { [A]: 5 }, 1000)).entries)).toEqual([
      `${A}:4-7`,
      `${A}:8-8`,
      `${A}:9-9`,
    ]);
    expect(seqsOf((await b.pull(B, { [A]: 8 }, 1000)).entries)).toEqual([`${A}:9-9`]);
  });

  it('splits a large push into segments and pages a pull by the op limit', async () => {
    const dir = await workspace();
    const sent = run(A, 1, 60, 100); // 6,000 ops
    await transport(dir).push(sent);
    expect(segmentsOf(dir, A).length).toBeGreaterThanOrEqual(3);
    const b = transport(dir);
    const got: ChangeEntry[] = [];
    let cursor = 0;
    for (let pass = 0; pass < 20; pass++) {
      const page = await b.pull(B, { [A]: cursor }, 1000);
      expect(page.problems).toEqual([]);
      expect(page.entries.reduce((n, e) => n + e.lastSeq - e.seq + 1, 0)).toBeLessThanOrEqual(1000);
      got.push(...page.entries);
      cursor = got[got.length - 1]?.lastSeq ?? 0;
      if (!page.more) break;
    }
    expect(got).toEqual(sent);
  });

  it('pulls from several devices', async () => {
    const dir = await workspace();
    await transport(dir).push(run(A, 1, 2));
    await transport(dir).push(run(B, 1, 3));
    const got = await transport(dir).pull(C, { [B]: 1 }, 1000);
    expect(seqsOf(got.entries).sort()).toEqual(
      [`${A}:1-1`, `${A}:2-2`, `${B}:2-2`, `${B}:3-3`].sort(),
    );
  });

  it('does not publish a range twice, nor accept a push that would leave a gap', async () => {
    const dir = await workspace();
    const a = transport(dir);
    await a.push(run(A, 1, 3));
    await a.push(run(A, 1, 5)); // the caller did not note the first push
    expect(segmentsOf(dir, A)).toEqual([
      '000000000001-000000000003.seg',
      '000000000004-000000000005.seg',
    ]);
    await expect(a.push(run(A, 9, 1))).rejects.toThrow(/must start at 6/);
    await expect(a.push([entry(A, 6), entry(B, 7)])).rejects.toThrow(/one device/);
  });
});

describe('files that have not arrived whole', () => {
  async function twoPushes() {
    const dir = await workspace();
    const a = transport(dir);
    await a.push(run(A, 1, 3));
    await a.push(run(A, 4, 3));
    const path = join(dir, 'ops', A, '000000000004-000000000006.seg');
    return { dir, path, good: readFileSync(path) };
  }

  const damages: [string, (good: Buffer) => Buffer][] = [
    ['truncated in the body', (good) => good.subarray(0, Math.floor(good.length / 2))],
    ['truncated before the final newline', (good) => good.subarray(0, good.length - 1)],
    [
      'bit-flipped',
      (good) => {
        const bad = Buffer.from(good);
        const at = good.indexOf('row-5') + 2;
        bad[at] = bad[at]! ^ 0x04;
        return bad;
      },
    ],
    ['zero-filled', (good) => Buffer.alloc(good.length)],
    ['emptied', () => Buffer.alloc(0)],
    ['with bytes after the trailer', (good) => Buffer.concat([good, Buffer.from('x\n')])],
  ];

  it.each(damages)(
    'skips a %s segment as corrupt until the full file arrives',
    async (_, damage) => {
      const { dir, path, good } = await twoPushes();
      writeFileSync(path, damage(good));
      const b = transport(dir);
      const first = await b.pull(B, {}, 1000);
      expect(seqsOf(first.entries)).toEqual([`${A}:1-1`, `${A}:2-2`, `${A}:3-3`]);
      expect(first.problems).toEqual([
        expect.objectContaining({
          kind: 'corrupt',
          device: A,
          path: `ops/${A}/000000000004-000000000006.seg`,
        }),
      ]);
      expect(await b.pull(B, { [A]: 3 }, 1000)).toMatchObject({ entries: [], more: false });

      writeFileSync(path, good); // the sync tool delivers the whole file
      const second = await b.pull(B, { [A]: 3 }, 1000);
      expect(second.problems).toEqual([]);
      expect(seqsOf(second.entries)).toEqual([`${A}:4-4`, `${A}:5-5`, `${A}:6-6`]);
    },
  );

  it('skips a segment whose content is not what its name says', async () => {
    const { dir, path, good } = await twoPushes();
    renameSync(path, join(dir, 'ops', A, '000000000004-000000000009.seg'));
    const b = transport(dir);
    const got = await b.pull(B, { [A]: 3 }, 1000);
    expect(got.entries).toEqual([]);
    expect(got.problems).toEqual([expect.objectContaining({ kind: 'corrupt' })]);

    writeFileSync(path, good);
    const again = await b.pull(B, { [A]: 3 }, 1000);
    expect(seqsOf(again.entries)).toEqual([`${A}:4-4`, `${A}:5-5`, `${A}:6-6`]);
    expect(again.problems).toEqual([
      expect.objectContaining({ kind: 'corrupt', path: `ops/${A}/000000000004-000000000009.seg` }),
    ]);
  });

  it('skips a leftover .part file and reads the finished file once it is there', async () => {
    const { dir, path, good } = await twoPushes();
    renameSync(path, `${path}.part`);
    writeFileSync(`${path}.part`, good.subarray(0, 40));
    const b = transport(dir, { now: () => Date.now() + 3_600_000 });
    const first = await b.pull(B, {}, 1000);
    expect(seqsOf(first.entries)).toEqual([`${A}:1-1`, `${A}:2-2`, `${A}:3-3`]);
    expect(first.problems).toEqual([
      expect.objectContaining({
        kind: 'partial',
        path: `ops/${A}/000000000004-000000000006.seg.part`,
      }),
    ]);
    expect(first.problems[0]!.message).toMatch(/stopped 60 minutes ago/);

    writeFileSync(path, good);
    expect(seqsOf((await b.pull(B, { [A]: 3 }, 1000)).entries)).toEqual([
      `${A}:4-4`,
      `${A}:5-5`,
      `${A}:6-6`,
    ]);
  });

  it.each([
    '000000000004-000000000006 (conflicted copy).seg',
    "000000000004-000000000006 (Sam's conflicted copy 2026-01-01).seg",
    '000000000004-000000000006 (1).seg',
    '000000000004-000000000006.sync-conflict-20260101-123456-ABCDEFG.seg',
    '000000000004-000000000006 (Case Conflict).seg',
  ])('never reads a conflict copy: %s', async (copy) => {
    const { dir, path } = await twoPushes();
    copyFileSync(path, join(dir, 'ops', A, copy));
    const b = transport(dir);
    const got = await b.pull(B, {}, 1000);
    expect(seqsOf(got.entries)).toEqual([1, 2, 3, 4, 5, 6].map((n) => `${A}:${n}-${n}`));
    expect(got.problems).toEqual([
      expect.objectContaining({ kind: 'conflict-copy', device: A, path: `ops/${A}/${copy}` }),
    ]);

    // Alone, the copy is not used either: the seqs have not arrived.
    rmSync(path);
    const alone = await b.pull(B, { [A]: 3 }, 1000);
    expect(alone.entries).toEqual([]);
    expect(alone.problems.map((p) => p.kind)).toEqual(['conflict-copy']);
  });

  it('reads overlapping segments once, using the one that reaches furthest', async () => {
    const dir = await workspace();
    await transport(dir).push(run(A, 1, 6));
    // An older, shorter segment of the same device (say, written before a crash).
    const [shorter] = encodeSegments(run(A, 1, 4));
    writeFileSync(join(dir, 'ops', A, '000000000001-000000000004.seg'), shorter!.bytes);
    const got = await transport(dir).pull(B, {}, 1000);
    expect(seqsOf(got.entries)).toEqual([1, 2, 3, 4, 5, 6].map((n) => `${A}:${n}-${n}`));
    expect(got.problems).toEqual([
      expect.objectContaining({
        kind: 'duplicate',
        path: `ops/${A}/000000000001-000000000004.seg`,
      }),
    ]);
  });

  it('uses a shorter intact segment when the longer one is corrupt', async () => {
    const dir = await workspace();
    await transport(dir).push(run(A, 1, 6));
    const longer = join(dir, 'ops', A, '000000000001-000000000006.seg');
    writeFileSync(longer, readFileSync(longer).subarray(0, 100));
    const [shorter] = encodeSegments(run(A, 1, 4));
    writeFileSync(join(dir, 'ops', A, '000000000001-000000000004.seg'), shorter!.bytes);
    const got = await transport(dir).pull(B, {}, 1000);
    expect(seqsOf(got.entries)).toEqual([1, 2, 3, 4].map((n) => `${A}:${n}-${n}`));
    expect(got.problems.map((p) => p.kind)).toEqual(['corrupt']);
  });

  it('stops a device at a gap in its seqs and goes on once the missing file appears', async () => {
    const dir = await workspace();
    const a = transport(dir);
    await a.push(run(A, 1, 2));
    await a.push(run(A, 3, 2));
    await a.push(run(A, 5, 2));
    await transport(dir).push(run(C, 1, 1));
    const middle = join(dir, 'ops', A, '000000000003-000000000004.seg');
    const aside = join(dir, 'aside.seg');
    renameSync(middle, aside);

    const b = transport(dir);
    const first = await b.pull(B, {}, 1000);
    expect(seqsOf(first.entries)).toEqual([`${A}:1-1`, `${A}:2-2`, `${C}:1-1`]);
    expect(first.problems).toEqual([expect.objectContaining({ kind: 'gap', device: A })]);
    expect(first.problems[0]!.message).toMatch(/Seqs 3–4/);

    renameSync(aside, middle);
    const second = await b.pull(B, { [A]: 2, [C]: 1 }, 1000);
    expect(second.problems).toEqual([]);
    expect(seqsOf(second.entries)).toEqual([3, 4, 5, 6].map((n) => `${A}:${n}-${n}`));
  });
});

describe('a folder that is not there', () => {
  it('halts when workspace.json is missing, and deletes nothing', async () => {
    const dir = await workspace();
    const a = transport(dir);
    await a.push(run(A, 1, 3));
    await a.writeSnapshot(snapshot(A, 1, { [A]: 3 }));
    renameSync(join(dir, 'workspace.json'), join(dir, 'workspace.json.moved'));
    const before = listing(dir);

    const b = transport(dir);
    const open = b.open();
    await expect(open).rejects.toBeInstanceOf(SyncHaltedError);
    await expect(open).rejects.toThrow(/unmounted or emptied.*nothing was deleted/);
    await expect(b.pull(B, { [A]: 1 }, 1000)).rejects.toBeInstanceOf(SyncHaltedError);
    await expect(a.push(run(A, 4, 1))).rejects.toBeInstanceOf(SyncHaltedError);
    await expect(a.compact(A, [], 0)).rejects.toBeInstanceOf(SyncHaltedError);
    await expect(a.readSnapshot()).rejects.toBeInstanceOf(SyncHaltedError);
    expect(listing(dir)).toEqual(before);
  });

  it('halts on an emptied folder (an unmounted drive) and writes nothing into it', async () => {
    const dir = await workspace();
    const a = transport(dir);
    await a.push(run(A, 1, 3));
    const b = transport(dir);
    await b.pull(B, {}, 1000);
    for (const name of readdirSync(dir)) rmSync(join(dir, name), { recursive: true });

    await expect(b.open()).rejects.toThrow(/unmounted or emptied/);
    await expect(b.pull(B, { [A]: 3 }, 1000)).rejects.toBeInstanceOf(SyncHaltedError);
    await expect(a.push(run(A, 4, 1))).rejects.toBeInstanceOf(SyncHaltedError);
    await expect(a.announce(device(A, {}, 1))).rejects.toBeInstanceOf(SyncHaltedError);
    await expect(a.writeSnapshot(snapshot(A, 1, {}))).rejects.toBeInstanceOf(SyncHaltedError);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('halts when the folder of the drive itself is gone', async () => {
    const dir = await workspace();
    const t = transport(dir);
    rmSync(dir, { recursive: true });
    await expect(t.open()).rejects.toThrow(/cannot be found.*nothing was deleted/);
    expect(existsSync(dir)).toBe(false);
  });

  it('halts when ops/ is missing, or every device it received from has vanished', async () => {
    const dir = await workspace();
    await transport(dir).push(run(A, 1, 3));
    const b = transport(dir);
    renameSync(join(dir, 'ops', A), join(dir, 'elsewhere'));
    await expect(b.pull(B, { [A]: 3 }, 1000)).rejects.toThrow(/holds no changes any more/);
    // A device it never received from is not missed.
    expect(await b.pull(B, {}, 1000)).toMatchObject({ entries: [], problems: [] });

    rmSync(join(dir, 'ops'), { recursive: true });
    await expect(b.open()).rejects.toThrow(/no ops folder/);
    expect(existsSync(join(dir, 'ops'))).toBe(false);
  });

  it('halts when another workspace appears at the same path', async () => {
    const dir = await workspace();
    const t = transport(dir);
    await t.open();
    rmSync(join(dir, 'workspace.json'));
    rmSync(join(dir, 'ops'), { recursive: true });
    await createWorkspace(dir, 'Other team');
    await expect(t.pull(B, {}, 1000)).rejects.toThrow(/another workspace \("Other team"\)/);
  });
});

describe('publishedSeq', () => {
  it('is 0 for a device that published nothing', async () => {
    expect(await transport(await workspace()).publishedSeq(A)).toBe(0);
  });

  it('counts what reached the folder before a crash, so a restart does not publish it again', async () => {
    const dir = await workspace();
    await transport(dir).push(run(A, 1, 3));
    // Crash after the rename, before the app noted it; then a new process.
    const restarted = transport(dir);
    expect(await restarted.publishedSeq(A)).toBe(3);
    await restarted.push(run(A, 1, 5));
    expect(segmentsOf(dir, A)).toEqual([
      '000000000001-000000000003.seg',
      '000000000004-000000000005.seg',
    ]);
  });

  it('does not count a .part file, and replaces it when pushing again', async () => {
    const dir = await workspace();
    await transport(dir).push(run(A, 1, 3));
    const [next] = encodeSegments(run(A, 4, 2));
    // Crash while writing the .part.
    writeFileSync(
      join(dir, 'ops', A, '000000000004-000000000005.seg.part'),
      next!.bytes.subarray(0, 50),
    );
    const restarted = transport(dir);
    expect(await restarted.publishedSeq(A)).toBe(3);
    await restarted.push(run(A, 4, 2));
    expect(segmentsOf(dir, A)).toEqual([
      '000000000001-000000000003.seg',
      '000000000004-000000000005.seg',
    ]);
    expect(seqsOf((await transport(dir).pull(B, {}, 100)).entries)).toHaveLength(5);
  });

  it('stops before a damaged segment, which a new push then repairs', async () => {
    const dir = await workspace();
    const a = transport(dir);
    await a.push(run(A, 1, 2));
    await a.push(run(A, 3, 2));
    const second = join(dir, 'ops', A, '000000000003-000000000004.seg');
    writeFileSync(second, Buffer.alloc(statSync(second).size));
    const restarted = transport(dir);
    expect(await restarted.publishedSeq(A)).toBe(2);
    await restarted.push(run(A, 3, 3));
    expect(await transport(dir).publishedSeq(A)).toBe(5);
    expect(seqsOf((await transport(dir).pull(B, {}, 100)).entries)).toHaveLength(5);
  });
});

describe('devices', () => {
  it('announces a device and reads every readable device file', async () => {
    const dir = await workspace();
    const t = transport(dir);
    const a = device(A, { [B]: 4 }, 1000);
    await t.announce(a);
    await t.announce(device(B, {}, 2000));
    await t.announce({ ...a, lastSeen: 3000 });
    writeFileSync(join(dir, 'devices', `${C}.json`), '{"id": "c3d4e5f6');
    writeFileSync(join(dir, 'devices', `${D}.json`), JSON.stringify(device(A, {}, 1)));
    writeFileSync(join(dir, 'devices', `${A} (1).json`), JSON.stringify(device(A, {}, 1)));
    const found = await transport(dir).devices();
    expect(found.sort((x, y) => x.id.localeCompare(y.id))).toEqual([
      { ...a, lastSeen: 3000 },
      device(B, {}, 2000),
    ]);
    expect(readdirSync(join(dir, 'devices')).some((n) => n.endsWith('.part'))).toBe(false);
  });
});

describe('snapshots', () => {
  it('writes and reads back the newest intact snapshot', async () => {
    const dir = await workspace();
    const t = transport(dir);
    expect(await t.readSnapshot()).toBeNull();
    const snap = snapshot(A, 1, { [A]: 3, [B]: 7 });
    await t.writeSnapshot(snap);
    expect(await transport(dir).readSnapshot()).toEqual(snap);

    const newer = snapshot(B, 2, { [A]: 4, [B]: 9 });
    await transport(dir).writeSnapshot(newer);
    expect(await t.readSnapshot()).toEqual(newer);
  });

  it('keeps only the newest snapshot of each device, and never deletes another device’s', async () => {
    const dir = await workspace();
    const t = transport(dir);
    await t.writeSnapshot(snapshot(B, 1, { [B]: 1 }));
    await t.writeSnapshot(snapshot(A, 2, { [A]: 1 }));
    await t.writeSnapshot(snapshot(A, 3, { [A]: 2 }));
    expect(readdirSync(join(dir, 'snapshots')).sort()).toEqual(
      [`${hlc(B, 1)}-${B}.snap`, `${hlc(A, 3)}-${A}.snap`].sort(),
    );
  });

  it.each([
    ['truncated', (good: Buffer) => good.subarray(0, good.length - 20)],
    [
      'bit-flipped',
      (good: Buffer) => {
        const bad = Buffer.from(good);
        const at = good.indexOf('Acme') + 1;
        bad[at] = bad[at]! ^ 0x01;
        return bad;
      },
    ],
    ['zero-filled', (good: Buffer) => Buffer.alloc(good.length)],
  ])('skips a %s snapshot and reads the older intact one', async (_, damage) => {
    const dir = await workspace();
    const older = snapshot(B, 1, { [A]: 3 });
    await transport(dir).writeSnapshot(older);
    await transport(dir).writeSnapshot(snapshot(A, 2, { [A]: 5 }));
    const path = join(dir, 'snapshots', `${hlc(A, 2)}-${A}.snap`);
    writeFileSync(path, damage(readFileSync(path)));
    expect(await transport(dir).readSnapshot()).toEqual(older);
  });
});

describe('compaction', () => {
  async function setUp() {
    const dir = await workspace();
    const a = transport(dir);
    await a.push(run(A, 1, 2));
    await a.push(run(A, 3, 2));
    await a.push(run(A, 5, 2));
    await transport(dir).push(run(B, 1, 2));
    return { dir, a };
  }

  const now = 1_000_000;
  const activeSince = now - 1000;

  it('deletes only own segments that a snapshot covers and every active device has applied', async () => {
    const { dir, a } = await setUp();
    const copy = `ops/${A}/000000000001-000000000002 (1).seg`;
    copyFileSync(join(dir, 'ops', A, '000000000001-000000000002.seg'), join(dir, copy));
    await a.writeSnapshot(snapshot(A, 1, { [A]: 4, [B]: 2 }));
    const othersBefore = listing(join(dir, 'ops', B));

    const devices = [
      device(B, { [A]: 6 }, now),
      device(C, { [A]: 2 }, now - 10), // active, has only seqs 1–2
      device(D, { [A]: 0 }, now - 5000), // gone quiet before activeSince
    ];
    expect(await a.compact(A, devices, activeSince)).toEqual([
      `ops/${A}/000000000001-000000000002.seg`,
    ]);
    expect(segmentsOf(dir, A)).toEqual([
      '000000000001-000000000002 (1).seg', // a sync tool's copy is not ours to delete
      '000000000003-000000000004.seg',
      '000000000005-000000000006.seg',
    ]);

    // Once C has passed seq 4, the segment up to 4 goes; seqs 5–6 are in no snapshot yet.
    devices[1] = device(C, { [A]: 6 }, now);
    expect(await a.compact(A, devices, activeSince)).toEqual([
      `ops/${A}/000000000003-000000000004.seg`,
    ]);
    expect(await a.compact(A, devices, activeSince)).toEqual([]);
    expect(segmentsOf(dir, A)).toContain('000000000005-000000000006.seg');
    expect(listing(join(dir, 'ops', B))).toEqual(othersBefore);

    // The snapshot holds what was compacted: nothing is published again.
    expect(await transport(dir).publishedSeq(A)).toBe(6);
    await transport(dir).push(run(A, 1, 7));
    expect(segmentsOf(dir, A)).toContain('000000000007-000000000007.seg');
    expect(segmentsOf(dir, A).filter((n) => n.startsWith('000000000001-'))).toHaveLength(1);
  });

  it('never deletes other devices’ files, even when a snapshot covers them', async () => {
    const { dir, a } = await setUp();
    await a.writeSnapshot(snapshot(A, 1, { [A]: 6, [B]: 2 }));
    const before = listing(join(dir, 'ops', B));
    expect(await a.compact(A, [], 0)).toHaveLength(3);
    expect(listing(join(dir, 'ops', B))).toEqual(before);
  });

  it('deletes nothing without an intact snapshot', async () => {
    const { dir, a } = await setUp();
    await a.writeSnapshot(snapshot(A, 1, { [A]: 6 }));
    const path = join(dir, 'snapshots', `${hlc(A, 1)}-${A}.snap`);
    const bytes = readFileSync(path);
    writeFileSync(path, bytes.subarray(0, bytes.length - 10));
    expect(await a.compact(A, [device(B, { [A]: 6 }, now)], activeSince)).toEqual([]);
    expect(segmentsOf(dir, A)).toHaveLength(3);
  });
});

describe('watch', () => {
  it('notices a new segment by polling when file events do not come, and stops cleanly', async () => {
    const dir = await workspace();
    const b = transport(dir, { pollMs: 40, fsEvents: false });
    const onChange = vi.fn();
    const stop = b.watch(onChange);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(onChange).not.toHaveBeenCalled();

    await transport(dir).push(run(A, 1, 1));
    await vi.waitFor(() => expect(onChange).toHaveBeenCalled(), { timeout: 3000 });

    stop();
    const calls = onChange.mock.calls.length;
    await transport(dir).push(run(A, 2, 1));
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(onChange.mock.calls.length).toBe(calls);
  });

  it('notices a new device and its segments with events, and close() stops it', async () => {
    const dir = await workspace();
    const b = transport(dir, { pollMs: 60_000 });
    const onChange = vi.fn();
    b.watch(onChange);
    await new Promise((resolve) => setTimeout(resolve, 100));
    mkdirSync(join(dir, 'ops', A));
    await transport(dir).push(run(A, 1, 1));
    await vi.waitFor(() => expect(onChange).toHaveBeenCalled(), { timeout: 3000 });

    await b.close();
    const calls = onChange.mock.calls.length;
    await transport(dir).push(run(A, 2, 1));
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(onChange.mock.calls.length).toBe(calls);
  });
});

describe('renameWithRetry', () => {
  const busy = () => Object.assign(new Error('operation not permitted'), { code: 'EPERM' });

  it('retries a rename that an antivirus holds for a moment', async () => {
    let calls = 0;
    const rename = async () => {
      if (++calls < 3) throw busy();
    };
    await renameWithRetry('x.part', 'x', { rename, delaysMs: [1, 1, 1] });
    expect(calls).toBe(3);
  });

  it('reports a rename that keeps failing, and does not retry other errors', async () => {
    let calls = 0;
    const always = async () => {
      calls++;
      throw busy();
    };
    await expect(
      renameWithRetry('x.part', 'x', { rename: always, delaysMs: [1, 1] }),
    ).rejects.toThrow(/after 3 tries \(EPERM\).*antivirus/);
    expect(calls).toBe(3);
    calls = 0;
    const missing = async () => {
      calls++;
      throw Object.assign(new Error('no such file'), { code: 'ENOENT' });
    };
    await expect(renameWithRetry('x.part', 'x', { rename: missing })).rejects.toThrow(/ENOENT/);
    expect(calls).toBe(1);
  });
});
