// Publishing a draft table (ban hành): its prices freeze for good, so the button asks
// first and says so.
import { useState } from 'react';
import { useI18n } from '../../i18n';
import { FormError } from '../../ui/form-error';
import { FormButtons } from '../admin/lock-form';
import { useSubmit } from '../admin/use-submit';
import { publishPriceTable } from './price-api';

export function PublishButton({ tableId, segments, onPublished }: { tableId: string; segments: number; onPublished: () => void }) {
  const { t } = useI18n();
  const [asking, setAsking] = useState(false);
  const form = useSubmit(() => null, () => publishPriceTable(tableId), () => {
    setAsking(false);
    onPublished();
  });
  if (!asking) {
    return (
      <div className="editor-upload">
        <h4>{t('priceAdmin.publish')}</h4>
        <button type="button" className="button primary" data-testid="price-publish" onClick={() => setAsking(true)}>
          {t('priceAdmin.publish')}
        </button>
      </div>
    );
  }
  return (
    <form className="editor-upload" data-testid="price-publish-confirm" onSubmit={form.submit} noValidate>
      <h4>{t('priceAdmin.publish')}</h4>
      <p className="notice">{t('priceAdmin.publishWarning', { segments })}</p>
      <FormError message={form.error} testId="price-publish-error" />
      <FormButtons busy={form.busy} submitLabel={t('priceAdmin.publishConfirm')} danger onCancel={() => setAsking(false)} />
    </form>
  );
}
