/** The Aziende area of the API. */
export const companiesContract = {};
