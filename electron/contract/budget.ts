/** The Bilancio area of the API. */
export const budgetContract = {};
