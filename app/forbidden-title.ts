/** The 403 page's title, which the root layout also forces on a refused page (see layout.tsx). */
export const FORBIDDEN_TITLE = "You do not have access";
