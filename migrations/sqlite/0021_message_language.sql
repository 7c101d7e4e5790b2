-- The language a message is written in ('en', 'es'), found when it is sent;
-- NULL when the text is too short to tell (and for messages sent before).
-- Pages mark the message with it so screen readers pronounce it right.
ALTER TABLE messages ADD COLUMN written_in TEXT;
