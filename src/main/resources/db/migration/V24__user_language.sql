-- The language a user chose for the pages; null: the browser's (Accept-Language), else the
-- installation's default (mes.web.default-language).
ALTER TABLE app_user ADD COLUMN language text CHECK (language IN ('de', 'en'));
