/** Consumers, secrets, services and special requests need this permission (dept_admin). */
export const SHARING_PERMISSION = 'sharing.manage';
