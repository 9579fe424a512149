-- The CRUD baseline of the benchmark profile: the row a plain service would insert per message.
CREATE TABLE bench_message (
  id              UUID         NOT NULL PRIMARY KEY,
  conversation_id UUID         NOT NULL,
  project_id      VARCHAR(255) NOT NULL,
  visitor_id      UUID,
  content         VARCHAR      NOT NULL,
  created_at      TIMESTAMP    NOT NULL
);
CREATE INDEX bench_message_conversation ON bench_message (conversation_id, created_at);
