/** The Report area of the API. */
export const reportsContract = {};
