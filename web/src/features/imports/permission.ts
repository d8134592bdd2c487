/** Uploading a delivery needs this permission on the unit (Office staff, contractors). */
export const IMPORT_PERMISSION = 'data.import';
/** Committing or rejecting a delivery needs this one (the approving officer). */
export const APPROVE_PERMISSION = 'cadastre.approve';
