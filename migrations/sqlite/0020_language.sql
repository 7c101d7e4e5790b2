-- The language a member chose for Carrel's pages and emails ('en', 'es');
-- NULL until they choose (pages then follow the browser, emails are English).
ALTER TABLE users ADD COLUMN language TEXT;

-- The language a profile's own words (bio, interests) are written in, found
-- when it is saved: the directory stems them as that language, and pages mark
-- them with it.
ALTER TABLE profiles ADD COLUMN written_in TEXT NOT NULL DEFAULT 'en';
