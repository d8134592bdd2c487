// The dossier's change transaction (issue #7 item 6): the change prepared for it (type and
// status), or, while none is, the cadastre's change form pre-set to the procedure's change
// type, the dossier's first parcel and its receipt code, sent through the dossier's route
// so that the result applies it.
import { useMemo, useState } from 'react';
import { listLandUseCodes, useApiResource, type ApiError, type ChangeTypeCode } from '../../api';
import { useI18n, type MessageKey } from '../../i18n';
import { ChangeForm } from '../changes/change-form';
import { useSession } from '../auth/session-context';
import { prepareDossierChange, type Dossier } from './workflow-api';

const NO_LINE: readonly (readonly [number, number])[] = [];
const ignore = () => undefined;

export function DossierChange({ dossier: d, onError, onChanged }: { dossier: Dossier; onError: (e: ApiError) => void; onChanged: () => void }) {
  const { t, lang } = useI18n();
  const session = useSession();
  const [editing, setEditing] = useState(false);
  const open = d.status === 'processing' || d.status === 'returned' || d.status === 'waiting_external';
  const mayPrepare = open && !d.change && d.procedure.changeType !== null && d.parcels.length > 0 && session.can('cadastre.edit');
  const codes = useApiResource(editing && mayPrepare ? 'land-use-codes' : null, listLandUseCodes, onError);
  const preset = useMemo(() => ({
    type: (d.procedure.changeType ?? '') as ChangeTypeCode,
    legalBasis: `${d.procedure.nameVi}; ${d.procedure.legalBasis}`.slice(0, 500),
    dossierRef: d.receiptCode,
  }), [d.procedure.changeType, d.procedure.nameVi, d.procedure.legalBasis, d.receiptCode]);
  if (!d.procedure.changeType) return null;
  return (
    <section data-testid="dossier-change">
      <h4>{t('workflow.change')}</h4>
      {d.change ? (
        <p data-testid="dossier-change-summary">
          {d.change.typeName[lang]} · <span data-testid="dossier-change-status">{t(`history.status.${d.change.status}` as MessageKey)}</span>
        </p>
      ) : (
        <p className="hint">{t('workflow.changeNone')}</p>
      )}
      {mayPrepare && !editing && (
        <button type="button" className="button" data-testid="prepare-change" onClick={() => setEditing(true)}>{t('workflow.prepareChange')}</button>
      )}
      {mayPrepare && editing && (
        <ChangeForm
          parcel={d.parcels[0]!}
          landUseCodes={codes.data?.items ?? []}
          line={NO_LINE}
          setLine={ignore}
          setDrawing={ignore}
          setFaultAt={ignore}
          preset={preset}
          send={(request) => prepareDossierChange(d.id, { edits: request.edits, legalBasis: request.legalBasis }).then((next) => ({ id: next.changeId! }))}
          onPrepared={() => {
            setEditing(false);
            onChanged();
          }}
          onClose={() => setEditing(false)}
        />
      )}
    </section>
  );
}
