/** What a form that hands out a secret once (one-time password, API token) shows after a try, in the desk's language. */
export type SecretState = { status: 'idle' } | { status: 'problem'; message: string } | { status: 'secret'; heading: string; text: string; secret: string };

export const INITIAL_SECRET_STATE: SecretState = { status: 'idle' };
