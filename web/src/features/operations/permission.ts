/** Triage, notices, closure and maintenance mode need this permission (dept_admin). */
export const OPERATIONS_PERMISSION = 'operations.manage';
