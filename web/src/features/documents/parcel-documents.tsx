// "Hồ sơ quét" of a parcel (S-SCAN, issue #9 item 3): the documents linked to the parcel's
// identity across its versions (parcelUid), through the one documents component.
import type { ParcelDetail } from '../../api';
import { useI18n } from '../../i18n';
import { LinkedDocuments } from './linked-documents';

export { formatSize } from './linked-documents';

export function ParcelDocuments({ detail }: { readonly detail: ParcelDetail }) {
  const { t } = useI18n();
  const parcelUid: string | undefined = detail.parcelUid;
  return (
    <LinkedDocuments
      target={parcelUid ? { kind: 'parcel', parcelUid } : null}
      title={t('documents.title')}
      emptyText={t('documents.none')}
      missingText={t('documents.noUid')}
      testId="parcel-documents"
    />
  );
}
