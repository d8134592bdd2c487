/** Keeping the land price tables needs this permission (S-PRICE, issue #8). */
export const PRICES_EDIT_PERMISSION = 'prices.edit';
