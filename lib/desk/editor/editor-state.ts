import type { EditorValues } from '@/lib/desk/editor/editor-values';

/*
 * What the editing form shows after a save that did not go through. A save
 * that did redirects to the article's page, so there is no "saved" state.
 */

/** A problem named by the form field it concerns (its id), in the editor's language. */
export type FieldError = { field: string; message: string };

export type EditorState =
  | { status: 'idle' }
  | { status: 'invalid'; values: EditorValues; errors: FieldError[]; submission: number }
  /** Someone else saved since the form was opened: both versions, nothing overwritten. */
  | { status: 'stale'; values: EditorValues; theirs: EditorValues; by: string; at: string; submission: number }
  | { status: 'refused'; values: EditorValues; message: string; submission: number };

export const INITIAL_EDITOR_STATE: EditorState = { status: 'idle' };
