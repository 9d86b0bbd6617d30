import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { openApiDocument } from '@/lib/api/openapi';

/*
 * Checks a real answer (status, headers, JSON body) against what
 * lib/api/openapi.ts says the endpoint answers. JSON Schema 2020-12 is the
 * dialect of OpenAPI 3.1, so ajv's 2020 build reads the schemas as they are.
 */

const DOCUMENT_ID = 'https://portal.invalid/api/openapi.json';
const addFormats = addFormatsModule as unknown as (ajv: Ajv2020) => Ajv2020;
// strict: false because the document around the schemas has OpenAPI's own keywords (paths, responses …).
const ajv = addFormats(new Ajv2020({ strict: false, allErrors: true }));
ajv.addSchema({ ...openApiDocument, $id: DOCUMENT_ID });

const pointer = (...parts: string[]) => parts.map((p) => p.replaceAll('~', '~0').replaceAll('/', '~1')).join('/');

type Operation = { responses: Record<string, { content?: Record<string, unknown>; headers?: Record<string, { schema?: Record<string, unknown> }> }> };

/** What the answer breaks of the description of `method path` (a template such as /api/articles/{id}); empty when it fits. */
export function openApiViolations(
  method: string,
  pathTemplate: string,
  answer: { status: number; headers: Headers; body: unknown },
): string[] {
  const paths = openApiDocument.paths as unknown as Record<string, Record<string, Operation>>;
  const operation = paths[pathTemplate]?.[method.toLowerCase()];
  if (!operation) return [`${method} ${pathTemplate} is not described`];
  const described = operation.responses[String(answer.status)];
  if (!described) return [`${method} ${pathTemplate} does not describe status ${answer.status}`];
  const problems: string[] = [];
  for (const [name, header] of Object.entries(described.headers ?? {})) {
    const value = answer.headers.get(name);
    if (value === null) problems.push(`header ${name} is missing`);
    else if (header.schema && !ajv.validate(header.schema, value)) problems.push(`header ${name}: ${ajv.errorsText()}`);
  }
  if (!described.content) return problems;
  const contentType = answer.headers.get('content-type') ?? '';
  if (!contentType.startsWith('application/json')) return [...problems, `content type ${contentType}, not application/json`];
  const ref = `${DOCUMENT_ID}#/${pointer('paths', pathTemplate, method.toLowerCase(), 'responses', String(answer.status), 'content', 'application/json', 'schema')}`;
  const validate = ajv.getSchema(ref) ?? ajv.compile({ $ref: ref });
  if (!validate(answer.body)) problems.push(`body: ${ajv.errorsText(validate.errors)} in ${JSON.stringify(answer.body).slice(0, 400)}`);
  return problems;
}
