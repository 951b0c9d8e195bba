/** The Patti area of the API. */
export const pactsContract = {};
