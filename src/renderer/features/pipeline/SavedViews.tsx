import { useQueryClient } from '@tanstack/react-query';
import { Bookmark, Trash2 } from 'lucide-react';
import { useState, type FormEvent } from 'react';
import { useLocation, useNavigate } from 'react-router';
import type { ViewSurface } from '../../../shared/contract';
import { api, useApiQuery } from '../../api';
import { Button } from '../../components/Button';
import { TextField } from '../../components/Field';
import { Sheet } from '../../components/Sheet';
import { useToast } from '../../components/Toast';
import styles from './SavedViews.module.css';

/** The filters part of the URL: what a saved view restores. */
function viewQuery(search: string): string {
  const params = new URLSearchParams(search);
  params.delete('page');
  params.sort();
  return params.toString();
}

/** Named filter sets of the current user, synced to their other devices. */
export function SavedViews({ surface }: { surface: ViewSurface }) {
  const views = useApiQuery('views.list', { surface });
  const location = useLocation();
  const navigate = useNavigate();
  const toast = useToast();
  const queryClient = useQueryClient();
  const [saving, setSaving] = useState(false);
  const current = viewQuery(location.search);
  const active = (views.data ?? []).find((view) => view.query === current);

  const remove = async () => {
    if (!active) return;
    await api.views.delete({ id: active.id });
    await queryClient.invalidateQueries({ queryKey: ['views.list'] });
    toast.success(`Deleted the view “${active.name}”`);
  };

  return (
    <div className={styles.views}>
      <select
        className={styles.select}
        aria-label="Saved views"
        value={active?.id ?? ''}
        onChange={(event) => {
          const view = (views.data ?? []).find((v) => v.id === event.target.value);
          navigate({ pathname: location.pathname, search: view ? `?${view.query}` : '' });
        }}
      >
        <option value="">{active ? active.name : current ? 'Unsaved view' : 'All deals'}</option>
        {(views.data ?? [])
          .filter((view) => view.id !== active?.id)
          .map((view) => (
            <option key={view.id} value={view.id}>
              {view.name}
            </option>
          ))}
        {active && <option value="">All deals</option>}
      </select>
      {active ? (
        <Button
          variant="ghost"
          size="sm"
          icon={<Trash2 />}
          aria-label={`Delete the view ${active.name}`}
          onClick={() => void remove()}
        />
      ) : (
        <Button
          variant="ghost"
          size="sm"
          icon={<Bookmark />}
          disabled={!current}
          onClick={() => setSaving(true)}
        >
          Save view
        </Button>
      )}
      {saving && (
        <SaveViewDialog surface={surface} query={current} onClose={() => setSaving(false)} />
      )}
    </div>
  );
}

function SaveViewDialog({
  surface,
  query,
  onClose,
}: {
  surface: ViewSurface;
  query: string;
  onClose: () => void;
}) {
  const [name, setName] = useState('');
  const [error, setError] = useState<string>();
  const toast = useToast();
  const queryClient = useQueryClient();
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    try {
      await api.views.save({ surface, name, query });
      await queryClient.invalidateQueries({ queryKey: ['views.list'] });
      toast.success(`Saved the view “${name.trim()}”`);
      onClose();
    } catch (failure) {
      setError((failure as Error).message.replace(/^[\w.]+: [\w.]+: /, ''));
    }
  };
  return (
    <Sheet
      title="Save this view"
      placement="center"
      onClose={onClose}
      footer={
        <>
          <Button variant="ghost" onClick={onClose}>
            Cancel
          </Button>
          <Button type="submit" form="save-view" variant="primary">
            Save view
          </Button>
        </>
      }
    >
      <form id="save-view" onSubmit={(event) => void submit(event)} noValidate>
        <TextField
          label="Name"
          data-autofocus
          value={name}
          error={error}
          placeholder="e.g. My rotting deals"
          hint="Only you see it; it follows you to your other devices."
          onChange={(event) => {
            setName(event.target.value);
            setError(undefined);
          }}
        />
      </form>
    </Sheet>
  );
}
