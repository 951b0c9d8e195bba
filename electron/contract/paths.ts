/** The Percorsi area of the API. */
export const pathsContract = {};
