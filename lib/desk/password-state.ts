/** What the password form shows after a try, in the desk's language. */
export type PasswordState = { status: 'idle' } | { status: 'problem'; message: string } | { status: 'changed' };

export const INITIAL_PASSWORD_STATE: PasswordState = { status: 'idle' };
