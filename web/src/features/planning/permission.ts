/** Keeping the land-use plans needs this permission on the plan's unit (S-PLAN, issue #8). */
export const PLANNING_EDIT_PERMISSION = 'planning.edit';
