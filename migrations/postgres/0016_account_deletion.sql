-- A deleted account keeps its row, as an anonymous "Former member" that
-- threads and program records still point at; this says when it was deleted.
ALTER TABLE users ADD COLUMN deleted_at BIGINT;
