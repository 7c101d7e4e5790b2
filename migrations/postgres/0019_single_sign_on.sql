-- Accounts at the associations' identity providers (OpenID Connect) linked to
-- Carrel accounts: one per provider and member, found by the provider's
-- subject identifier, never by email alone.
CREATE TABLE external_identities (
    provider  TEXT   NOT NULL,
    subject   TEXT   NOT NULL,
    user_id   BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    -- The address the provider gave when the link was made, for the member to recognise it.
    email     TEXT   NOT NULL DEFAULT '',
    linked_at BIGINT NOT NULL,
    PRIMARY KEY (provider, subject),
    UNIQUE (provider, user_id)
);
