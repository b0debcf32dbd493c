/**
 * A won deal gets its draft handover in the same transaction as the move that won it, so no
 * crash or sync can leave a won deal without one. The handover's id is derived from the deal's
 * and each section's from the handover's, so a deal won on two laptops apart converges on one
 * handover; a deal won again (after a churn) keeps the one it has.
 */
import { derivedId } from '../../shared/ids';
import type { Writer } from '../store/writePath';
import { readDealFacts } from './facts';
import { prefillSections } from './prefill';
import { teamTemplateIn } from './readTemplate';

export const handoverIdOf = (dealId: string) => derivedId('handover', dealId);
export const sectionRowId = (handoverId: string, sectionId: string) =>
  derivedId('handover-section', `${handoverId}:${sectionId}`);
export const versionRowId = (handoverId: string, number: number) =>
  derivedId('handover-version', `${handoverId}:${number}`);

/**
 * Make the deal's draft handover, pre-filled, unless it has one (even a deleted one: a handover
 * someone removed stays removed). Returns its id, or null if there was nothing to do.
 */
export function draftHandoverAtWon(
  w: Writer,
  dealId: string,
  authorFallback: string | null,
  now: number,
): string | null {
  const id = handoverIdOf(dealId);
  if (w.get('SELECT 1 AS x FROM handovers WHERE id = ?', id)) return null;
  const facts = readDealFacts(w, dealId);
  if (!facts) return null;
  const owner = w.get<{ ownerId: string | null; accountId: string | null }>(
    'SELECT owner_id AS ownerId, account_id AS accountId FROM deals WHERE id = ?',
    dealId,
  );
  const template = teamTemplateIn(w);
  const bodies = prefillSections(facts);
  w.insert('handovers', {
    id,
    deal_id: dealId,
    account_id: owner?.accountId ?? null,
    // The deal's owner writes it: they know what was promised, whoever clicked Won.
    author_id: owner?.ownerId ?? authorFallback,
    status: 'draft',
    template_version: template.version,
    current_version: 0,
    created_at: now,
  });
  template.sections.forEach((section, index) => {
    w.insert('handover_sections', {
      id: sectionRowId(id, section.id),
      handover_id: id,
      section_id: section.id,
      position: index + 1,
      title: section.title,
      body: bodies[section.prefill],
      required: section.required ? 1 : 0,
      created_at: now,
    });
  });
  return id;
}
