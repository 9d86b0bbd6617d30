import type { FieldError } from '@/lib/desk/editor/editor-state';

/** GOV.UK's error summary: first on the page, each problem linking to its field. */
export function ErrorSummary({ heading, errors }: { heading: string; errors: FieldError[] }) {
  return (
    <div role="alert" aria-labelledby="error-summary-heading" className="rounded border-4 border-focus p-4">
      <h2 id="error-summary-heading" className="text-lg font-bold">
        {heading}
      </h2>
      <ul className="mt-2 list-disc pl-6">
        {errors.map((error, index) => (
          <li key={index}>
            <a href={`#${error.field}`} className="font-semibold underline">
              {error.message}
            </a>
          </li>
        ))}
      </ul>
    </div>
  );
}

/** The message shown beside one field, and the ids its control is described by. */
export function fieldErrorOf(errors: FieldError[], field: string): { message: string | null; describedBy: string | undefined } {
  const messages = errors.filter((e) => e.field === field).map((e) => e.message);
  return messages.length > 0 ? { message: messages.join(' '), describedBy: `${field}-error` } : { message: null, describedBy: undefined };
}

export function FieldErrorText({ field, message }: { field: string; message: string | null }) {
  if (!message) return null;
  return (
    <p id={`${field}-error`} className="font-semibold text-focus">
      {message}
    </p>
  );
}
