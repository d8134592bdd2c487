/** Another language's version of a Vietnamese dictionary part: the same keys, any text. */
export type Translation<T> = { readonly [K in keyof T]: string };
