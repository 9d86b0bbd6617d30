-- Full-text search over title, tags, lead and body, with the German and
-- English text-search configurations. Umlauts and ß are folded to their
-- transliterations on both sides, so "Muenchen" finds "München" and
-- "Strasse" finds "Straße".

-- CreateFunction
CREATE FUNCTION "portal_fold_text"(input TEXT) RETURNS TEXT
LANGUAGE SQL IMMUTABLE PARALLEL SAFE RETURNS NULL ON NULL INPUT
AS $$
  SELECT replace(replace(replace(replace(lower(input), 'ä', 'ae'), 'ö', 'oe'), 'ü', 'ue'), 'ß', 'ss')
$$;

-- CreateFunction: the visible text of a structured body (every "text" in it).
CREATE FUNCTION "portal_body_text"(body JSONB) RETURNS TEXT
LANGUAGE SQL IMMUTABLE PARALLEL SAFE RETURNS NULL ON NULL INPUT
AS $$
  SELECT coalesce(string_agg(value #>> '{}', ' '), '') FROM jsonb_path_query(body, 'strict $.**.text') AS value
$$;

-- CreateFunction
CREATE FUNCTION "portal_search_config"(locale "Locale") RETURNS REGCONFIG
LANGUAGE SQL IMMUTABLE PARALLEL SAFE
AS $$
  SELECT CASE WHEN locale = 'de' THEN 'german'::regconfig ELSE 'english'::regconfig END
$$;

-- AlterTable
ALTER TABLE "article_translation" ADD COLUMN "tag_text" TEXT NOT NULL DEFAULT '';

-- Backfill the tag names each translation is found by.
UPDATE "article_translation" AS t SET "tag_text" = coalesce((
  SELECT string_agg(tt."name", ' ' ORDER BY at."position")
  FROM "article_tag" AS at JOIN "tag_translation" AS tt ON tt."tag_id" = at."tag_id" AND tt."locale" = t."locale"
  WHERE at."article_id" = t."article_id"
), '');

-- AlterTable
ALTER TABLE "article_translation" ADD COLUMN "search_vector" TSVECTOR GENERATED ALWAYS AS (
  setweight(to_tsvector("portal_search_config"("locale"), "portal_fold_text"("title")), 'A') ||
  setweight(to_tsvector("portal_search_config"("locale"), "portal_fold_text"("tag_text")), 'B') ||
  setweight(to_tsvector("portal_search_config"("locale"), "portal_fold_text"("lead")), 'B') ||
  setweight(to_tsvector("portal_search_config"("locale"), "portal_fold_text"("portal_body_text"("body"))), 'C')
) STORED;

-- CreateIndex
CREATE INDEX "article_translation_search_vector_idx" ON "article_translation" USING GIN ("search_vector");
