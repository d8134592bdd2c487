/** Receiving dossiers at the counter and processing them (issue #7). */
export const INTAKE_PERMISSION = 'dossier.intake';
export const PROCESS_PERMISSION = 'dossier.process';
