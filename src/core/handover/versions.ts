/**
 * Submitted versions of a handover (JSON snapshots of its sections) and what changed between two
 * of them, section by section, line by line.
 */
import { ApiError, type ParsedInput, type SectionDiff } from '../../shared/contract';
import { lineDiff } from '../../shared/lineDiff';
import type { CoreContext } from '../context';
import { readSections, requireHandover } from './documents';

export interface SnapshotSection {
  sectionId: string;
  title: string;
  body: string;
  required: boolean;
  position: number;
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** A snapshot as stored (it came by sync: sections that cannot be read are left out). */
function parseSnapshot(raw: string | null): SnapshotSection[] {
  let value: unknown;
  try {
    value = raw === null ? [] : JSON.parse(raw);
  } catch {
    return [];
  }
  if (!Array.isArray(value)) return [];
  return value.flatMap((s, index) =>
    isObject(s) && typeof s.sectionId === 'string' && typeof s.body === 'string'
      ? [
          {
            sectionId: s.sectionId,
            title: typeof s.title === 'string' ? s.title : s.sectionId,
            body: s.body,
            required: s.required === true,
            position: typeof s.position === 'number' ? s.position : index,
          },
        ]
      : [],
  );
}

export interface VersionSnapshot {
  number: number;
  submittedAt: number | null;
  submittedByName: string | null;
  decision: string | null;
  decidedAt: number | null;
  decidedByName: string | null;
  sections: SnapshotSection[];
}

export function readVersion(
  ctx: CoreContext,
  handoverId: string,
  number: number,
  field: string,
): VersionSnapshot {
  const row = ctx.store
    .prepare(
      `SELECT v.number, v.submitted_at AS submittedAt, su.name AS submittedByName, v.sections,
              v.decision, v.decided_at AS decidedAt, du.name AS decidedByName
         FROM handover_versions v
         LEFT JOIN users su ON su.id = v.submitted_by
         LEFT JOIN users du ON du.id = v.decided_by
        WHERE v.handover_id = ? AND v.number = ? AND v.deleted_at IS NULL
        ORDER BY v.created_at DESC LIMIT 1`,
    )
    .get(handoverId, number) as
    (Omit<VersionSnapshot, 'sections'> & { sections: string | null }) | undefined;
  if (!row) {
    throw new ApiError('not_found', `${field}: the handover has no version ${number}`, field);
  }
  return { ...row, sections: parseSnapshot(row.sections) };
}

/** The sections as they are now, in the shape of a snapshot. */
export function currentSnapshot(ctx: CoreContext, handoverId: string): SnapshotSection[] {
  return readSections(ctx, handoverId).map(({ sectionId, title, body, required, position }) => ({
    sectionId,
    title,
    body,
    required: required !== 0,
    position,
  }));
}

/** Per section, in the order of the later text (sections it no longer has at the end). */
export function diffSnapshots(before: SnapshotSection[], after: SnapshotSection[]): SectionDiff[] {
  const old = new Map(before.map((s) => [s.sectionId, s]));
  const kept = new Set(after.map((s) => s.sectionId));
  const out: SectionDiff[] = [...after]
    .sort((a, b) => a.position - b.position)
    .map((section) => {
      const previous = old.get(section.sectionId);
      if (!previous) {
        return {
          sectionId: section.sectionId,
          title: section.title,
          status: 'added',
          lines: lineDiff('', section.body),
        };
      }
      const lines = lineDiff(previous.body, section.body);
      const changed = previous.body !== section.body || previous.title !== section.title;
      return {
        sectionId: section.sectionId,
        title: section.title,
        status: changed ? 'changed' : 'unchanged',
        lines,
      };
    });
  for (const section of before) {
    if (kept.has(section.sectionId)) continue;
    out.push({
      sectionId: section.sectionId,
      title: section.title,
      status: 'removed',
      lines: lineDiff(section.body, ''),
    });
  }
  return out;
}

export function diffVersions(ctx: CoreContext, input: ParsedInput<'handover.diff'>) {
  const handover = requireHandover(ctx, input.id);
  const from = readVersion(ctx, handover.id, input.from, 'from');
  const to =
    input.to === undefined
      ? currentSnapshot(ctx, handover.id)
      : readVersion(ctx, handover.id, input.to, 'to').sections;
  return {
    from: input.from,
    to: input.to ?? null,
    sections: diffSnapshots(from.sections, to),
  };
}
