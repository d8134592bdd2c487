// "Lập biến động": the type, its legal basis and dossier, and the edits the type needs.
// It is sent as a pending change transaction; a refusal is shown next to the field it
// names (and a geometry fault as a marker on the map), and nothing typed is lost.
import { useMemo, useState, type FormEvent } from 'react';
import {
  ApiError, faultLocation, fieldOfError, getCodeLists, getParcelHistory, proposeChange,
  type ChangeRequest, type CodeLists, type LandUseCode, type ParcelHistory, type ParcelKey,
} from '../../api';
import { useI18n, type MessageKey } from '../../i18n';
import { FormError } from '../../ui/form-error';
import { useParcelRecord } from '../parcels/use-parcel-record';
import { LinkedDocuments } from '../documents/linked-documents';
import { anchorsOf, buildChangeRequest, CHANGE_TYPES, checkDraft, EMPTY_DRAFT, placeFault, RIGHTS_TYPES, type ChangeDraft } from './change-draft';
import { FieldFault, TextInput, type Fault } from './form-parts';
import { HoldersEditor } from './holders-editor';
import { MortgageFields, ReleaseFields } from './mortgage-fields';
import { MergeFields, PurposesEditor, ReissueFields, SplitFields } from './record-fields';

type Line = readonly (readonly [number, number])[];

export interface ChangeFormProps {
  readonly parcel: ParcelKey;
  readonly landUseCodes: readonly LandUseCode[];
  readonly line: Line;
  readonly setLine: (line: Line) => void;
  readonly setDrawing: (drawing: boolean) => void;
  readonly setFaultAt: (at: { lon: number; lat: number } | null) => void;
  readonly onPrepared: (change: PreparedChange) => void;
  readonly onClose: () => void;
  /** a dossier's change (issue #7): the type (fixed), legal basis and dossier are pre-set */
  readonly preset?: Pick<ChangeDraft, 'type' | 'legalBasis' | 'dossierRef'>;
  /** sends the request in place of POST /changes (the dossier's change route) */
  readonly send?: (request: ChangeRequest) => Promise<PreparedChange>;
}

/** what the form needs of the change it prepared: its id, to attach documents to it */
export interface PreparedChange {
  readonly id: string;
}

const GEOMETRY_ANCHOR: Partial<Record<string, string>> = { split: 'edits/line', merge: 'edits/with', boundary_correction: 'edits' };

export function ChangeForm(props: ChangeFormProps) {
  const { parcel, line } = props;
  const { t, lang } = useI18n();
  const initial = useMemo(() => ({ ...EMPTY_DRAFT, ...props.preset }), [props.preset]);
  const [draft, setDraft] = useState<ChangeDraft>(initial);
  const [fault, setFault] = useState<(Fault & { error?: ApiError }) | null>(null);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState(false);
  /** the change just prepared: its documents (the dossier's scans) are attached below the form */
  const [prepared, setPrepared] = useState<PreparedChange | null>(null);
  const history = useParcelRecord<ParcelHistory>(parcel, getParcelHistory);
  const codeLists = useParcelRecord<CodeLists>(parcel, (_k, _a, signal) => getCodeLists(signal));
  const full = useMemo(() => ({ ...draft, line }), [draft, line]);
  const anchors = useMemo(() => anchorsOf(full), [full]);
  // the server's refusal follows the language switch
  const shown = fault?.error ? { anchor: fault.anchor, message: fault.error.messages[lang] } : fault;

  const update = (patch: Partial<ChangeDraft>) => {
    setDone(false);
    setDraft((current) => ({ ...current, ...patch }));
    if (patch.type !== undefined) props.setDrawing(patch.type === 'split');
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    props.setFaultAt(null);
    const complaint = checkDraft(full);
    if (complaint) {
      setFault({ anchor: placeFault(complaint.field, anchors), message: t(complaint.message) });
      return;
    }
    setFault(null);
    setBusy(true);
    (props.send ?? proposeChange)(buildChangeRequest(full, parcel)).then(
      (change) => {
        setBusy(false);
        setDone(true);
        setPrepared(change);
        setDraft(initial);
        props.setLine([]);
        props.setDrawing(false);
        props.onPrepared(change);
      },
      (caught: unknown) => {
        setBusy(false);
        const error = caught instanceof ApiError ? caught : new ApiError('CLIENT', { vi: t('form.failed'), en: t('form.failed') }, 0);
        const location = faultLocation(error);
        props.setFaultAt(location);
        const field = fieldOfError(error) ?? (location ? (GEOMETRY_ANCHOR[draft.type] ?? 'edits') : null);
        setFault({ anchor: placeFault(field, anchors), message: error.messages[lang], error });
      },
    );
  };

  return (
    <section className="card change-form" data-testid="change-form" aria-labelledby="change-title">
      <header className="card-header">
        <h2 id="change-title">{t('change.title')}</h2>
        <button type="button" className="link-button" onClick={props.onClose}>{t('parcel.close')}</button>
      </header>
      <p className="hint">{t('change.intro')}</p>
      <form onSubmit={submit} noValidate>
        <label className="field">
          <span>{t('change.type')}</span>
          <select value={draft.type} data-testid="change-type" disabled={props.preset !== undefined} aria-invalid={shown?.anchor === 'type' || undefined}
            onChange={(e) => update({ type: e.target.value as ChangeDraft['type'] })}>
            <option value="">{t('change.typePlaceholder')}</option>
            {CHANGE_TYPES.map((type) => <option key={type} value={type}>{t(`changeType.${type}` as MessageKey)}</option>)}
          </select>
          <FieldFault fault={shown} at="type" />
        </label>
        <TextInput label={t('change.legalBasis')} hint={t('change.legalBasisHint')} at="legalBasis" value={draft.legalBasis}
          fault={shown} testId="change-legal-basis" onChange={(legalBasis) => update({ legalBasis })} />
        <TextInput label={t('change.dossier')} at="dossierRef" value={draft.dossierRef} fault={shown}
          testId="change-dossier" readOnly={props.preset !== undefined} onChange={(dossierRef) => update({ dossierRef })} />
        <TypeFields {...props} draft={draft} update={update} fault={shown} restrictions={history?.data?.restrictions ?? null}
          codeLists={codeLists?.data ?? null} />
        <FieldFault fault={shown} at="edits" />
        {shown && shown.anchor === null && <FormError message={shown.message} testId="change-error" />}
        {done && <p className="success" role="status" data-testid="change-done">{t('change.done')}</p>}
        <div className="form-actions">
          <button type="submit" className="button primary" data-testid="change-submit" disabled={busy}>
            {busy ? t('form.busy') : t('change.submit')}
          </button>
        </div>
      </form>
      {prepared && (
        <LinkedDocuments key={prepared.id} target={{ kind: 'change', changeId: prepared.id }} title={t('documents.changeTitle')}
          emptyText={t('documents.changeNone')} defaultType="application" testId="change-documents" />
      )}
    </section>
  );
}

interface TypeFieldsProps extends ChangeFormProps {
  readonly draft: ChangeDraft;
  readonly update: (patch: Partial<ChangeDraft>) => void;
  readonly fault: Fault | null;
  readonly restrictions: ParcelHistory['restrictions'] | null;
  readonly codeLists: CodeLists | null;
}

function TypeFields({ draft, update, fault, restrictions, codeLists, landUseCodes, line, setLine }: TypeFieldsProps) {
  const common = { draft, update, fault };
  switch (draft.type) {
    case '':
      return null;
    case 'mortgage':
      return <MortgageFields {...common} />;
    case 'mortgage_release':
      return <ReleaseFields {...common} restrictions={restrictions} />;
    case 'purpose_change':
      return <PurposesEditor {...common} landUseCodes={landUseCodes} origins={codeLists?.landOrigins ?? []} />;
    case 'split':
      return <SplitFields line={line} setLine={setLine} fault={fault} />;
    case 'merge':
      return <MergeFields {...common} />;
    case 'certificate_reissue':
      return <ReissueFields {...common} forms={codeLists?.certificateForms ?? []} />;
    default:
      return RIGHTS_TYPES.includes(draft.type) ? (
        <HoldersEditor holders={draft.holders} onChange={(holders) => update({ holders })} fault={fault} />
      ) : null;
  }
}
