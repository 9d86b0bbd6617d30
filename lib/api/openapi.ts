/*
 * The API's description in OpenAPI 3.1, served at /api/openapi.json. Its
 * schemas are JSON Schema 2020-12; the end-to-end tests check every
 * endpoint's real answers against them (tests/e2e/publishing-openapi.test.ts),
 * so a change to an answer that is not made here too fails there.
 */

import { routing } from '@/i18n/routing';
import { DESK_LANGUAGE_FILTERS } from '@/lib/queries/desk-articles';

type Schema = Record<string, unknown>;
const LOCALES = [...routing.locales];

const ref = (name: string): Schema => ({ $ref: `#/components/schemas/${name}` });
const nullable = (schema: Schema): Schema => ({ anyOf: [schema, { type: 'null' }] });
const perLanguage = (schema: Schema): Schema => ({
  type: 'object',
  properties: Object.fromEntries(LOCALES.map((locale) => [locale, schema])),
  additionalProperties: false,
});
const json = (schema: Schema) => ({ 'application/json': { schema } });
const answer = (description: string, schema: Schema, headers?: Record<string, unknown>) => ({
  description,
  content: json(schema),
  ...(headers ? { headers } : {}),
});
const isoDateTime: Schema = { type: 'string', format: 'date-time' };
const etagHeader = { ETag: { description: 'The article\'s version as a strong ETag ("42"); send it back in If-Match.', schema: { type: 'string', pattern: '^"\\d+"$' } } };
const ifMatch = {
  name: 'If-Match',
  in: 'header',
  required: false,
  description: 'The ETag GET sent. When given and the article changed since, nothing is written and the answer is 412. Without it the write goes through (last write wins).',
  schema: { type: 'string' },
};
const articleId = { name: 'id', in: 'path', required: true, schema: { type: 'string', pattern: '^\\d+$' } };
const bearer = [{ editorToken: [] }];

const errors = {
  '400': answer('The input is wrong; each problem names its field (`translations.de.title`) or line.', ref('Error')),
  '401': answer('No valid editor token.', ref('Error')),
  '404': answer('No such article (or endpoint).', ref('Error')),
  '413': answer('The body is too large.', ref('Error')),
  '503': answer('The database is away or takes no writes (read-only or full); nothing was changed.', ref('Error')),
};
const writeErrors = {
  ...errors,
  '409': answer('The input clashes with stored content, such as a slug another article uses or used.', ref('Error')),
  '412': answer('The article changed since the If-Match version; nothing was written.', ref('StaleError'), etagHeader),
};

const translationInput: Schema = {
  type: 'object',
  required: ['title', 'slug', 'lead', 'body'],
  properties: {
    title: { type: 'string', minLength: 1, maxLength: 300 },
    slug: { type: 'string', pattern: '^[a-z0-9]+(-[a-z0-9]+)*$', maxLength: 200 },
    lead: { type: 'string', minLength: 1, maxLength: 2000 },
    body: { type: 'string', maxLength: 200000, description: 'Markdown: paragraphs, ##/### headings, quotes, lists, tables, code, links. Images and HTML blocks are refused naming the line.' },
    correction: { type: 'string', minLength: 1, maxLength: 2000, description: 'Correction note readers see with its time ("Korrigiert am …").' },
  },
};

const schemas: Record<string, Schema> = {
  Problem: {
    type: 'object',
    required: ['path', 'message'],
    properties: { path: { type: 'string' }, message: { type: 'string' } },
    additionalProperties: false,
  },
  Error: {
    type: 'object',
    required: ['error'],
    properties: { error: { type: 'string' }, problems: { type: 'array', items: ref('Problem') } },
    additionalProperties: false,
  },
  StaleError: {
    type: 'object',
    required: ['error', 'problems', 'current'],
    properties: {
      error: { type: 'string' },
      problems: { type: 'array', items: ref('Problem') },
      current: {
        type: 'object',
        required: ['version', 'author', 'savedAt', 'article'],
        properties: { version: { type: 'integer' }, author: { type: 'string' }, savedAt: isoDateTime, article: ref('ArticleState') },
        additionalProperties: false,
      },
    },
    additionalProperties: false,
  },
  ArticleInput: {
    type: 'object',
    required: ['type', 'status', 'translations'],
    properties: {
      type: ref('ArticleType'),
      status: { enum: ['published', 'draft'] },
      publishedAt: { type: 'string', format: 'date-time', description: 'With a time zone offset; in the future schedules the article.' },
      tags: { type: 'array', items: { type: 'string' }, maxItems: 20 },
      image: {
        type: 'object',
        required: ['mediaId', 'alt'],
        properties: {
          mediaId: { type: 'string' },
          alt: perLanguage({ type: 'string' }),
          caption: perLanguage({ type: 'string' }),
          credit: { type: 'string' },
        },
      },
      translations: perLanguage(translationInput),
    },
    description: 'Read-only fields of GET (id, version, updatedAt, withdrawnAt, urls, previewUrl, correctedAt, withdrawnReason) may be sent back and are ignored.',
  },
  ArticleType: { enum: ['article', 'press-release', 'speech', 'interview'] },
  TranslationOutput: {
    type: 'object',
    required: ['title', 'slug', 'lead', 'body'],
    properties: {
      title: { type: 'string' },
      slug: { type: 'string' },
      lead: { type: 'string' },
      body: { type: 'string' },
      correction: { type: 'string' },
      correctedAt: isoDateTime,
      withdrawnReason: { type: 'string' },
    },
    additionalProperties: false,
  },
  ArticleState: {
    type: 'object',
    required: ['id', 'type', 'status', 'publishedAt', 'updatedAt', 'withdrawnAt', 'tags', 'translations'],
    properties: {
      id: { type: 'integer' },
      version: { type: 'integer', description: 'Id of the latest revision (absent in revision snapshots).' },
      type: ref('ArticleType'),
      status: { enum: ['published', 'draft'] },
      publishedAt: isoDateTime,
      updatedAt: isoDateTime,
      withdrawnAt: nullable(isoDateTime),
      tags: { type: 'array', items: { type: 'string' } },
      image: {
        type: 'object',
        required: ['mediaId', 'alt', 'caption'],
        properties: {
          mediaId: { type: 'string' },
          alt: perLanguage({ type: 'string' }),
          caption: perLanguage({ type: 'string' }),
          credit: { type: 'string' },
        },
        additionalProperties: false,
      },
      translations: perLanguage(ref('TranslationOutput')),
      urls: ref('Urls'),
      previewUrl: { type: 'string' },
    },
    additionalProperties: false,
  },
  Urls: perLanguage({ type: 'string' }),
  Article: {
    allOf: [ref('ArticleState'), { required: ['version', 'urls'] }],
  },
  SavedArticle: {
    type: 'object',
    required: ['id', 'version', 'urls'],
    properties: { id: { type: 'integer' }, version: { type: 'integer' }, urls: ref('Urls'), previewUrl: { type: 'string' } },
    additionalProperties: false,
  },
  Withdrawn: {
    type: 'object',
    required: ['id', 'version', 'withdrawnAt'],
    properties: { id: { type: 'integer' }, version: { type: 'integer' }, withdrawnAt: isoDateTime },
    additionalProperties: false,
  },
  Withdrawal: {
    type: 'object',
    properties: {
      reason: { anyOf: [{ type: 'string', minLength: 1, maxLength: 1000 }, perLanguage({ type: 'string', minLength: 1, maxLength: 1000 })] },
    },
    additionalProperties: false,
  },
  ArticleList: {
    type: 'object',
    required: ['rows', 'total', 'page', 'pageSize', 'pageCount'],
    properties: {
      rows: {
        type: 'array',
        items: {
          type: 'object',
          required: ['id', 'status', 'publishedAt', 'languages', 'type', 'tags', 'titles', 'updatedAt', 'updatedBy'],
          properties: {
            id: { type: 'integer' },
            status: { enum: ['draft', 'scheduled', 'published', 'withdrawn'] },
            scheduledFor: isoDateTime,
            publishedAt: isoDateTime,
            languages: { type: 'array', items: { enum: LOCALES } },
            type: ref('ArticleType'),
            tags: { type: 'array', items: { type: 'string' } },
            titles: perLanguage({ type: 'string' }),
            updatedAt: isoDateTime,
            updatedBy: { type: 'string' },
          },
          additionalProperties: false,
        },
      },
      total: { type: 'integer', minimum: 0 },
      page: { type: 'integer', minimum: 1 },
      pageSize: { type: 'integer', minimum: 1 },
      pageCount: { type: 'integer', minimum: 1 },
    },
    additionalProperties: false,
  },
  Revisions: {
    type: 'object',
    required: ['articleId', 'revisions'],
    properties: {
      articleId: { type: 'integer' },
      revisions: {
        type: 'array',
        items: {
          type: 'object',
          required: ['id', 'action', 'author', 'createdAt', 'snapshot'],
          properties: {
            id: { type: 'integer' },
            action: { enum: ['created', 'updated', 'withdrawn', 'restored', 'reverted'] },
            author: { type: 'string' },
            createdAt: isoDateTime,
            snapshot: { type: 'object' },
          },
          additionalProperties: false,
        },
      },
    },
    additionalProperties: false,
  },
  TagInput: {
    type: 'object',
    required: LOCALES,
    properties: Object.fromEntries(LOCALES.map((locale) => [locale, ref('TagName')])),
    additionalProperties: false,
  },
  TagName: {
    type: 'object',
    required: ['name', 'slug'],
    properties: { name: { type: 'string', minLength: 1 }, slug: { type: 'string' } },
    additionalProperties: false,
  },
  Tag: {
    type: 'object',
    required: ['key', ...LOCALES],
    properties: { key: { type: 'string' }, ...Object.fromEntries(LOCALES.map((locale) => [locale, ref('TagName')])) },
    additionalProperties: false,
  },
  TagList: {
    type: 'object',
    required: ['tags'],
    properties: {
      tags: {
        type: 'array',
        items: {
          type: 'object',
          required: ['key', 'articleCount'],
          properties: {
            key: { type: 'string' },
            ...Object.fromEntries(LOCALES.map((locale) => [locale, ref('TagName')])),
            articleCount: { type: 'integer', minimum: 0 },
          },
          additionalProperties: false,
        },
      },
    },
    additionalProperties: false,
  },
  Media: {
    type: 'object',
    required: ['mediaId', 'mimeType', 'width', 'height', 'byteSize'],
    properties: {
      mediaId: { type: 'string' },
      mimeType: { type: 'string' },
      width: { type: 'integer' },
      height: { type: 'integer' },
      byteSize: { type: 'integer' },
    },
    additionalProperties: false,
  },
  Revalidated: {
    type: 'object',
    required: ['revalidated'],
    properties: {
      revalidated: {
        type: 'object',
        required: ['tags', 'paths'],
        properties: { tags: { type: 'array', items: { type: 'string' } }, paths: { type: 'array', items: { type: 'string' } } },
        additionalProperties: false,
      },
    },
    additionalProperties: false,
  },
  RevalidateError: {
    type: 'object',
    required: ['error'],
    properties: { error: { type: 'string' }, problems: { type: 'array', items: { type: 'string' } } },
    additionalProperties: false,
  },
};

const query = (name: string, schema: Schema, description: string) => ({ name, in: 'query', required: false, schema, description });

export const openApiDocument = {
  openapi: '3.1.0',
  jsonSchemaDialect: 'https://json-schema.org/draft/2020-12/schema',
  info: {
    title: 'News portal content API',
    version: '2026-12',
    description: 'Editors\' API: articles, tags, media. Every answer is JSON and never cached (Cache-Control: private, no-store). Unknown /api/ paths answer a JSON 404.',
  },
  servers: [{ url: '/' }],
  components: {
    securitySchemes: { editorToken: { type: 'http', scheme: 'bearer', description: 'An editor token (npm run token, or the desk).' } },
    schemas,
  },
  paths: {
    '/api/articles': {
      get: {
        summary: 'Every article, whatever its state, last changed first',
        security: bearer,
        parameters: [
          query('status', { enum: ['draft', 'scheduled', 'published', 'withdrawn'] }, 'Only articles in this state.'),
          query('language', { enum: [...DESK_LANGUAGE_FILTERS] }, 'A language present, or missing.'),
          query('type', ref('ArticleType'), 'Only this type.'),
          query('tag', { type: 'string' }, 'A tag key.'),
          query('q', { type: 'string' }, 'Words in a title.'),
          query('page', { type: 'integer', minimum: 1 }, '1-based.'),
          query('pageSize', { type: 'integer', minimum: 1, maximum: 100 }, 'Default 25.'),
        ],
        responses: { '200': answer('One page of articles.', ref('ArticleList')), ...errors },
      },
      post: {
        summary: 'Creates an article',
        security: bearer,
        requestBody: { required: true, content: json(ref('ArticleInput')) },
        responses: {
          '201': answer('Created; Location names it.', ref('SavedArticle'), { ...etagHeader, Location: { schema: { type: 'string' } } }),
          ...writeErrors,
        },
      },
    },
    '/api/articles/{id}': {
      parameters: [articleId],
      get: {
        summary: 'The article as it is submitted, with its version and URLs',
        security: bearer,
        responses: { '200': answer('The article.', ref('Article'), etagHeader), ...errors },
      },
      put: {
        summary: 'Replaces the article (changed slugs keep redirecting)',
        security: bearer,
        parameters: [ifMatch],
        requestBody: { required: true, content: json(ref('ArticleInput')) },
        responses: { '200': answer('Saved.', ref('SavedArticle'), etagHeader), ...writeErrors },
      },
      delete: {
        summary: 'Withdraws the article: its pages answer 410 Gone, showing the reason',
        security: bearer,
        parameters: [ifMatch],
        requestBody: { required: false, content: json(ref('Withdrawal')) },
        responses: { '200': answer('Withdrawn.', ref('Withdrawn'), etagHeader), ...writeErrors },
      },
    },
    '/api/articles/{id}/restore': {
      parameters: [articleId],
      post: {
        summary: 'Brings a withdrawn article back',
        security: bearer,
        parameters: [ifMatch],
        responses: { '200': answer('Restored; its pages are visible again.', ref('SavedArticle'), etagHeader), ...writeErrors },
      },
    },
    '/api/articles/{id}/revisions': {
      parameters: [articleId],
      get: {
        summary: 'Every saved state of the article, oldest first',
        security: bearer,
        responses: { '200': answer('The revisions.', ref('Revisions')), ...errors },
      },
    },
    '/api/tags': {
      get: {
        summary: 'Every tag, by key',
        security: bearer,
        responses: { '200': answer('The tags.', ref('TagList')), ...errors },
      },
    },
    '/api/tags/{key}': {
      parameters: [{ name: 'key', in: 'path', required: true, schema: { type: 'string' } }],
      put: {
        summary: 'Creates or updates the tag with this key',
        security: bearer,
        requestBody: { required: true, content: json(ref('TagInput')) },
        responses: { '200': answer('Saved.', ref('Tag')), ...writeErrors },
      },
    },
    '/api/media': {
      post: {
        summary: 'Uploads an image (raw body or multipart field `file`)',
        security: bearer,
        requestBody: { required: true, content: { 'application/octet-stream': { schema: { type: 'string', contentMediaType: 'application/octet-stream' } } } },
        description: 'At most 10 MB and 40 megapixels (a larger image is refused with 400 naming the limit).',
        responses: {
          '201': answer('Stored.', ref('Media')),
          ...errors,
          '503': answer('The database is away, or the media store takes no writes (read-only or full); nothing was stored.', ref('Error')),
        },
      },
    },
    '/api/revalidate': {
      post: {
        summary: 'Marks pages stale by cache tag or path (Authorization: Bearer $REVALIDATE_SECRET)',
        requestBody: { required: true, content: json({ type: 'object', properties: { tags: { type: 'array', items: { type: 'string' } }, paths: { type: 'array', items: { type: 'string' } } } }) },
        responses: {
          '200': answer('Done.', ref('Revalidated')),
          '400': answer('Invalid request.', ref('RevalidateError')),
          '401': answer('Wrong secret.', ref('RevalidateError')),
        },
      },
    },
    '/api/openapi.json': {
      get: { summary: 'This description', responses: { '200': { description: 'OpenAPI 3.1', content: json({ type: 'object' }) } } },
    },
  },
} as const;

export type OpenApiDocument = typeof openApiDocument;
