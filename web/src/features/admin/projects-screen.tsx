// Contractor projects (A6, L3): the list, a new project, and acceptance (nghiệm thu),
// which locks the accounts issued under the project.
import { useState } from 'react';
import { acceptProject, listProjects, useApiResource, type ApiError, type DocumentRef, type Project } from '../../api';
import { useI18n } from '../../i18n';
import { formatDate } from '../../ui/format';
import { FormError } from '../../ui/form-error';
import { useAdminReference } from './admin-reference';
import { DocumentFields, EMPTY_DOCUMENT, isDocumentComplete } from './document-fields';
import { FormButtons } from './lock-form';
import { ProjectForm } from './project-form';
import { useSubmit } from './use-submit';

export function ProjectsScreen({ onError }: { onError: (error: ApiError) => void }) {
  const { t, locale } = useI18n();
  const { unitName } = useAdminReference();
  const [version, setVersion] = useState(0);
  const [creating, setCreating] = useState(false);
  const [accepting, setAccepting] = useState<Project | null>(null);
  const projects = useApiResource(`projects#${version}`, (signal) => listProjects(signal), onError);
  const reload = () => setVersion((v) => v + 1);

  return (
    <section className="admin-screen" data-testid="projects">
      <header className="screen-header">
        <h2>{t('project.title')}</h2>
        {!creating && (
          <button type="button" className="button primary" data-testid="project-new" onClick={() => setCreating(true)}>
            {t('project.new')}
          </button>
        )}
      </header>
      <p className="hint">{t('project.intro')}</p>
      {creating && (
        <ProjectForm
          onDone={() => {
            setCreating(false);
            reload();
          }}
          onCancel={() => setCreating(false)}
        />
      )}
      {accepting && (
        <AcceptForm
          project={accepting}
          onDone={() => {
            setAccepting(null);
            reload();
          }}
          onCancel={() => setAccepting(null)}
        />
      )}
      <table className="table">
        <thead>
          <tr>
            <th>{t('project.name')}</th>
            <th>{t('project.contract')}</th>
            <th>{t('project.plan')}</th>
            <th>{t('project.units')}</th>
            <th>{t('project.period')}</th>
            <th>{t('project.status')}</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {projects.data?.items.map((project) => (
            <tr key={project.id} data-testid="project-row">
              <td>{project.name}</td>
              <td>{project.contractNumber}</td>
              <td>
                {project.planDocument.number}
                <small className="block">{`${formatDate(project.planDocument.date, locale)} — ${project.planDocument.issuer}`}</small>
              </td>
              <td>{project.unitCodes.map(unitName).join(', ')}</td>
              <td>{`${formatDate(project.validFrom, locale)} – ${formatDate(project.validTo, locale)}`}</td>
              <td>
                <span className={`badge project-${project.status}`}>
                  {project.status === 'accepted' ? t('project.accepted') : t('project.active')}
                </span>
                {project.acceptedAt && <small className="block">{formatDate(project.acceptedAt, locale)}</small>}
              </td>
              <td>
                {project.status === 'active' && (
                  <button type="button" className="button small" data-testid="project-accept" onClick={() => setAccepting(project)}>
                    {t('project.accept')}
                  </button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {projects.data?.items.length === 0 && <p className="hint">{t('project.none')}</p>}
    </section>
  );
}

function AcceptForm({ project, onDone, onCancel }: { project: Project; onDone: () => void; onCancel: () => void }) {
  const { t } = useI18n();
  const [document, setDocument] = useState<DocumentRef>(EMPTY_DOCUMENT);
  const form = useSubmit(
    () => (isDocumentComplete(document) ? null : t('form.needDocument')),
    () => acceptProject(project.id, document),
    onDone,
  );
  return (
    <form className="card action-form" data-testid="project-accept-form" onSubmit={form.submit} noValidate>
      <h3>{t('project.acceptTitle', { name: project.name })}</h3>
      <p className="notice">{t('project.acceptWarning')}</p>
      <DocumentFields legend={t('project.acceptDocument')} value={document} onChange={setDocument} testId="accept-doc" />
      <FormError message={form.error} testId="accept-error" />
      <FormButtons busy={form.busy} submitLabel={t('project.accept')} danger onCancel={onCancel} />
    </form>
  );
}
