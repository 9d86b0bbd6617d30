/** What the sign-in form shows after a try, in the desk's language (the action redirects on success). */
export type SignInState = { status: 'idle' } | { status: 'problem'; message: string; email: string };

export const INITIAL_SIGN_IN_STATE: SignInState = { status: 'idle' };
