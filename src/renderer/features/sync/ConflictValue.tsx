import type { SyncConflict } from '../../../shared/contract';
import { formatMoney } from '../../../shared/money';
import { useApiQuery, useStages, useUsers } from '../../api';
import { conflictValue } from './syncText';

type Value = SyncConflict['kept']['value'];

/**
 * A conflicting field's value in the words of the app: a stage or a person by name, an amount in
 * the deal's currency. The conflict carries what the database stores, so ids are looked up here.
 */
export function ConflictValue({ conflict, value }: { conflict: SyncConflict; value: Value }) {
  if (typeof value === 'string' && value !== '') {
    if (conflict.column === 'stage_id') return <StageName id={value} />;
    if (conflict.column === 'owner_id' || conflict.column.endsWith('user_id')) {
      return <UserName id={value} />;
    }
  }
  if (
    typeof value === 'number' &&
    conflict.table === 'deals' &&
    conflict.column === 'value_minor'
  ) {
    return <DealAmount dealId={conflict.rowId} minor={value} />;
  }
  return <>{conflictValue(conflict.column, value).text}</>;
}

function StageName({ id }: { id: string }) {
  const { byId } = useStages();
  return <>{byId.get(id)?.name ?? 'A stage that was deleted'}</>;
}

function UserName({ id }: { id: string }) {
  const users = useUsers();
  return <>{users.data?.find((user) => user.id === id)?.name ?? 'Someone no longer on the team'}</>;
}

function DealAmount({ dealId, minor }: { dealId: string; minor: number }) {
  const deal = useApiQuery('deals.get', { id: dealId });
  const currency = deal.data?.currency;
  return <>{currency ? formatMoney(minor, currency) : conflictValue('value_minor', minor).text}</>;
}
