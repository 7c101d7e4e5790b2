-- The email topics a member turned off (notifications::model::Topic); the
-- bell still shows everything.
CREATE TABLE email_opt_outs (
    user_id BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    topic   TEXT   NOT NULL,
    PRIMARY KEY (user_id, topic)
);
