import { useId, useState, type FormEvent } from 'react';
import { ApiError } from '../../../shared/contract/errors';
import type { Campaign, PhaseId } from '../../../shared/domain';
import { api, useStages } from '../../api';
import { keyLabel, useShortcut } from '../../app/shortcuts';
import { Button } from '../../components/Button';
import { SelectField, TextAreaField, TextField } from '../../components/Field';
import { Sheet } from '../../components/Sheet';
import { useToast } from '../../components/Toast';
import { describeAudience } from './audience';
import {
  campaignFieldFor,
  CampaignFormError,
  emptyCampaignValues,
  INDUSTRY_SUGGESTIONS,
  REGION_SUGGESTIONS,
  toCreateInput,
  toFields,
  toPatch,
  valuesFromCampaign,
  type CampaignFormField,
  type CampaignFormValues,
} from './campaignForm';
import styles from './CampaignSheet.module.css';
import { ChipsField } from './ChipsField';
import { CAMPAIGN_COMMANDS } from './commands';

const CURRENCIES = ['EUR', 'USD', 'GBP', 'CHF', 'SEK', 'NOK', 'DKK', 'PLN', 'CAD', 'AUD', 'JPY'];

/** Create a campaign, or edit (and delete) one: in a drawer over the list. */
export function CampaignSheet({
  campaign,
  teamCurrency,
  onClose,
}: {
  campaign?: Campaign;
  teamCurrency: string;
  onClose: () => void;
}) {
  const [values, setValues] = useState<CampaignFormValues>(() =>
    campaign ? valuesFromCampaign(campaign, teamCurrency) : emptyCampaignValues(teamCurrency),
  );
  const [errors, setErrors] = useState<Partial<Record<CampaignFormField, string>>>({});
  const [saving, setSaving] = useState(false);
  const [confirmDelete, setConfirmDelete] = useState(false);
  const { phases } = useStages();
  const toast = useToast();
  const formId = useId();

  const set = <K extends keyof CampaignFormValues>(key: K, value: CampaignFormValues[K]) => {
    setValues((current) => ({ ...current, [key]: value }));
    setErrors((current) => ({ ...current, [key]: undefined }));
  };

  const fail = (error: unknown) => {
    if (error instanceof CampaignFormError) return setErrors({ [error.field]: error.message });
    const field = error instanceof ApiError ? campaignFieldFor(error.field) : undefined;
    const message = error instanceof Error ? error.message : String(error);
    if (field) setErrors({ [field]: message.replace(/^[\w.]+: [\w.[\]]+: /, '') });
    else toast.error(message);
  };

  const submit = async (event?: FormEvent) => {
    event?.preventDefault();
    if (saving) return;
    setSaving(true);
    setErrors({});
    try {
      if (campaign) {
        const patch = toPatch(campaign, values);
        if (Object.keys(patch).length > 0) await api.campaigns.update({ id: campaign.id, patch });
        toast.success(Object.keys(patch).length > 0 ? 'Campaign saved' : 'Nothing to save');
      } else {
        await api.campaigns.create(toCreateInput(values));
        toast.success('Campaign created');
      }
      onClose();
    } catch (error) {
      fail(error);
    } finally {
      setSaving(false);
    }
  };

  const remove = async () => {
    if (!campaign) return;
    setSaving(true);
    try {
      await api.campaigns.delete({ id: campaign.id });
      toast.success(`“${campaign.name}” deleted`);
      onClose();
    } catch (error) {
      fail(error);
    } finally {
      setSaving(false);
    }
  };

  useShortcut(CAMPAIGN_COMMANDS.save, () => void submit(), { whileTyping: true, inDialog: true });

  // The audience in words as the filter stands, offered when the person has not written one.
  let preview: string;
  try {
    preview = describeAudience(toFields(values).filter, phases);
  } catch {
    // The price does not parse yet; the audience preview does not depend on it.
    preview = describeAudience(
      { industries: values.industries, regions: values.regions, phaseIds: values.phaseIds },
      phases,
    );
  }

  const togglePhase = (id: PhaseId, on: boolean) =>
    set(
      'phaseIds',
      on ? [...values.phaseIds, id] : values.phaseIds.filter((phase) => phase !== id),
    );

  return (
    <Sheet
      title={campaign ? campaign.name : 'New campaign'}
      subtitle={
        campaign ? 'Edit the offer, its audience or its dates.' : 'An offer, for whom, until when.'
      }
      onClose={onClose}
      footer={
        <>
          {campaign &&
            (confirmDelete ? (
              <span className={styles.confirm} role="group" aria-label="Delete this campaign?">
                Delete for everyone?
                <Button size="sm" variant="ghost" onClick={() => setConfirmDelete(false)}>
                  Keep
                </Button>
                <Button size="sm" variant="danger" busy={saving} onClick={() => void remove()}>
                  Delete campaign
                </Button>
              </span>
            ) : (
              <Button
                variant="ghost"
                className={styles.delete}
                onClick={() => setConfirmDelete(true)}
              >
                Delete…
              </Button>
            ))}
          <Button variant="ghost" onClick={onClose}>
            Cancel
          </Button>
          <Button
            type="submit"
            form={formId}
            variant="primary"
            busy={saving}
            shortcut={keyLabel(CAMPAIGN_COMMANDS.save.keys)}
          >
            {campaign ? 'Save changes' : 'Create campaign'}
          </Button>
        </>
      }
    >
      <form id={formId} className={styles.form} noValidate onSubmit={(e) => void submit(e)}>
        <TextField
          className={styles.full}
          label="Campaign name"
          required
          data-autofocus={campaign ? undefined : true}
          value={values.name}
          error={errors.name}
          placeholder="e.g. Spring upgrade for logistics"
          onChange={(e) => set('name', e.target.value)}
        />
        <fieldset className={`${styles.full} ${styles.group}`}>
          <legend className={styles.legend}>Audience</legend>
          <ChipsField
            label="Industries"
            values={values.industries}
            draft={values.industryDraft}
            suggestions={INDUSTRY_SUGGESTIONS}
            placeholder="Any industry"
            error={errors.industries}
            onChange={(industries, industryDraft) => {
              setValues((current) => ({ ...current, industries, industryDraft }));
              setErrors((current) => ({ ...current, industries: undefined }));
            }}
          />
          <ChipsField
            label="Regions"
            values={values.regions}
            draft={values.regionDraft}
            suggestions={REGION_SUGGESTIONS}
            placeholder="Any region"
            error={errors.regions}
            onChange={(regions, regionDraft) => {
              setValues((current) => ({ ...current, regions, regionDraft }));
              setErrors((current) => ({ ...current, regions: undefined }));
            }}
          />
          <div className={styles.phases} role="group" aria-label="Lifecycle phases">
            <span className={styles.phasesLabel}>Lifecycle phases</span>
            <div className={styles.phaseList}>
              {phases.map((phase) => (
                <label key={phase.id} className={styles.phase} data-phase={phase.id}>
                  <input
                    type="checkbox"
                    checked={values.phaseIds.includes(phase.id)}
                    onChange={(e) => togglePhase(phase.id, e.target.checked)}
                  />
                  {phase.name}
                </label>
              ))}
            </div>
            <span className={styles.hint}>None ticked: deals in any phase. {errors.phaseIds}</span>
          </div>
          <TextField
            label="Audience in words"
            value={values.audience}
            error={errors.audience}
            placeholder={preview}
            hint="What reps read on the deal page; leave empty to use the filter’s words."
            onChange={(e) => set('audience', e.target.value)}
          />
        </fieldset>
        <TextAreaField
          className={styles.full}
          label="Offer"
          value={values.offer}
          error={errors.offer}
          placeholder="e.g. 15% off the first year when signed before 30 April"
          onChange={(e) => set('offer', e.target.value)}
        />
        <div className={styles.money}>
          <TextField
            label="Price"
            inputMode="decimal"
            value={values.price}
            error={errors.price}
            placeholder="Optional"
            onChange={(e) => set('price', e.target.value)}
          />
          <SelectField
            label="Currency"
            value={values.currency}
            error={errors.currency}
            onChange={(e) => set('currency', e.target.value)}
          >
            {[...new Set([values.currency, ...CURRENCIES])].map((code) => (
              <option key={code} value={code}>
                {code}
              </option>
            ))}
          </SelectField>
        </div>
        <TextField
          label="Starts"
          type="date"
          value={values.starts}
          error={errors.starts}
          hint="Empty: already running."
          onChange={(e) => set('starts', e.target.value)}
        />
        <TextField
          label="Ends"
          type="date"
          value={values.ends}
          error={errors.ends}
          hint="Empty: until further notice."
          onChange={(e) => set('ends', e.target.value)}
        />
      </form>
    </Sheet>
  );
}
