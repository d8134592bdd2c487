// A new account on a written request (A1): the request document, the person it
// identifies (A2; one account per person, A3, is the server's check), and the rights
// asked for (A4), optionally under a contractor project (A6).
import { useState, type FormEvent } from 'react';
import { ApiError, listProjects, requestAccount, useApiResource, type DocumentRef, type Grant } from '../../api';
import { navigate } from '../../app/use-route';
import { useI18n, type MessageKey } from '../../i18n';
import { Field } from '../../ui/field';
import { FormError } from '../../ui/form-error';
import { DocumentFields, EMPTY_DOCUMENT, isDocumentComplete } from './document-fields';
import { completeGrants, EMPTY_GRANT, GrantsEditor } from './grants-editor';

const PERSON_FIELDS = ['fullName', 'nationalId', 'organisation', 'position', 'email', 'phone', 'username'] as const;
type PersonField = (typeof PERSON_FIELDS)[number];
type Person = Record<PersonField, string>;
const HINTS: Partial<Record<PersonField, MessageKey>> = { nationalId: 'person.nationalIdHint', username: 'person.usernameHint' };

const EMPTY_PERSON: Person = { fullName: '', nationalId: '', organisation: '', position: '', email: '', phone: '', username: '' };
const NATIONAL_ID = /^\d{12}$/;
/** The server's rules for usernames and phone numbers (checked there too). */
const USERNAME = /^[a-z][a-z0-9._-]{2,39}$/;
const PHONE = /^[0-9+ ]{8,20}$/;

export function AccountRequestForm({ onError }: { onError: (error: ApiError) => void }) {
  const { t, lang } = useI18n();
  const [request, setRequest] = useState<DocumentRef>(EMPTY_DOCUMENT);
  const [person, setPerson] = useState<Person>(EMPTY_PERSON);
  const [grants, setGrants] = useState<Grant[]>([EMPTY_GRANT]);
  const [projectId, setProjectId] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const projects = useApiResource('projects', (signal) => listProjects(signal), onError);
  const activeProjects = projects.data?.items.filter((project) => project.status === 'active') ?? [];

  const problem = (): string | null => {
    if (!isDocumentComplete(request)) return t('request.needDocument');
    if (PERSON_FIELDS.some((field) => field !== 'email' && field !== 'phone' && person[field].trim() === '')) return t('request.needPerson');
    if (!NATIONAL_ID.test(person.nationalId)) return t('request.nationalIdFormat');
    if (!USERNAME.test(person.username.trim())) return t('request.usernameFormat');
    if (person.phone.trim() && !PHONE.test(person.phone.trim())) return t('request.phoneFormat');
    if (!completeGrants(grants)) return t('request.needGrants');
    return null;
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const refused = problem();
    if (refused) {
      setError(refused);
      return;
    }
    setBusy(true);
    setError(null);
    try {
      // Email and phone are optional: left out when empty rather than sent blank.
      const filled = Object.fromEntries(
        PERSON_FIELDS.map((field) => [field, person[field].trim()]).filter(([, value]) => value !== ''),
      ) as Person;
      const project = activeProjects.find((p) => p.id === projectId);
      const created = await requestAccount({ ...filled, request, grants, ...(project ? { projectId: project.id } : {}) });
      navigate({ name: 'account', id: String(created.id) });
    } catch (caught) {
      setError(caught instanceof ApiError ? caught.messages[lang] : t('request.failed'));
    } finally {
      setBusy(false);
    }
  };

  const personInput = (field: PersonField, options: { type?: string; inputMode?: 'numeric'; autoComplete?: string } = {}) => (
    <Field label={t(`person.${field}` as const)} hint={HINTS[field] ? t(HINTS[field]) : undefined}>
      {(id) => (
        <input
          id={id}
          data-testid={`person-${field}`}
          type={options.type ?? 'text'}
          inputMode={options.inputMode}
          autoComplete={options.autoComplete ?? 'off'}
          required={field !== 'email' && field !== 'phone'}
          maxLength={field === 'nationalId' ? 12 : 200}
          value={person[field]}
          onChange={(event) => setPerson({ ...person, [field]: event.target.value })}
        />
      )}
    </Field>
  );

  return (
    <form className="admin-screen form-screen" data-testid="account-request" onSubmit={(event) => void submit(event)} noValidate>
      <header className="screen-header">
        <h2>{t('request.title')}</h2>
      </header>
      <p className="hint">{t('request.intro')}</p>
      <DocumentFields legend={t('request.document')} value={request} onChange={setRequest} testId="request" />
      <fieldset>
        <legend>{t('request.person')}</legend>
        <div className="field-grid">
          {personInput('fullName', { autoComplete: 'name' })}
          {personInput('nationalId', { inputMode: 'numeric' })}
          {personInput('organisation', { autoComplete: 'organization' })}
          {personInput('position', { autoComplete: 'organization-title' })}
          {personInput('email', { type: 'email', autoComplete: 'email' })}
          {personInput('phone', { type: 'tel', autoComplete: 'tel' })}
          {personInput('username')}
        </div>
      </fieldset>
      <fieldset>
        <legend>{t('request.grants')}</legend>
        <p className="hint">{t('request.grantsHint')}</p>
        <GrantsEditor grants={grants} onChange={setGrants} />
        {activeProjects.length > 0 && (
          <Field label={t('request.project')} hint={t('request.projectHint')}>
            {(id) => (
              <select id={id} data-testid="request-project" value={projectId} onChange={(event) => setProjectId(event.target.value)}>
                <option value="">{t('request.noProject')}</option>
                {activeProjects.map((project) => (
                  <option key={project.id} value={project.id}>
                    {`${project.name} (${project.contractNumber})`}
                  </option>
                ))}
              </select>
            )}
          </Field>
        )}
      </fieldset>
      <FormError message={error} testId="request-error" />
      <div className="form-actions">
        <button type="submit" className="button primary" data-testid="request-submit" disabled={busy}>
          {busy ? t('form.busy') : t('request.submit')}
        </button>
      </div>
    </form>
  );
}
