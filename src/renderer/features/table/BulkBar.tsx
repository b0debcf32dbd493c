import { useState } from 'react';
import { api, useStages, useUsers } from '../../api';
import { Button } from '../../components/Button';
import { StageOptions } from '../../components/StageOptions';
import { useToast } from '../../components/Toast';
import styles from './DealsTable.module.css';

/** Change the owner or the stage of the selected deals at once. */
export function BulkBar({ ids, onDone }: { ids: string[]; onDone: () => void }) {
  const { phases, stages, byId } = useStages();
  const users = useUsers();
  const toast = useToast();
  const [owner, setOwner] = useState('');
  const [stageId, setStageId] = useState('');
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const stage = byId.get(stageId);
  const needsReason = stage !== undefined && stage.kind !== 'open';

  const apply = async () => {
    setBusy(true);
    try {
      const { updated } = await api.deals.bulkUpdate({
        ids,
        patch: {
          ...(owner ? { ownerId: owner === 'none' ? null : owner } : {}),
          ...(stageId ? { stageId, reason: reason || undefined } : {}),
        },
      });
      toast.success(`Updated ${updated.toLocaleString()} of ${ids.length.toLocaleString()} deals`);
      setOwner('');
      setStageId('');
      setReason('');
      onDone();
    } catch (error) {
      toast.error((error as Error).message.replace(/^[\w.]+: [\w.]+: /, ''));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className={styles.bulk} role="region" aria-label="Edit the selected deals">
      <strong>{ids.length.toLocaleString()} selected</strong>
      <select aria-label="New owner" value={owner} onChange={(e) => setOwner(e.target.value)}>
        <option value="">Keep owner</option>
        <option value="none">Unassigned</option>
        {(users.data ?? []).map((user) => (
          <option key={user.id} value={user.id}>
            {user.name}
          </option>
        ))}
      </select>
      <select aria-label="New stage" value={stageId} onChange={(e) => setStageId(e.target.value)}>
        <option value="">Keep stage</option>
        <StageOptions phases={phases} stages={stages} />
      </select>
      {needsReason && (
        <input
          aria-label={stage.kind === 'won' ? 'Why were they won?' : 'Why were they lost?'}
          placeholder={stage.kind === 'won' ? 'Why were they won?' : 'Why were they lost?'}
          value={reason}
          onChange={(e) => setReason(e.target.value)}
        />
      )}
      <Button
        variant="primary"
        size="sm"
        busy={busy}
        disabled={(!owner && !stageId) || (needsReason && !reason.trim())}
        onClick={() => void apply()}
      >
        Apply
      </Button>
      <Button variant="ghost" size="sm" onClick={onDone}>
        Clear selection
      </Button>
    </div>
  );
}
