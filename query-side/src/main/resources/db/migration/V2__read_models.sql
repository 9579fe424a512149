-- Read models of the query side. Rows carry the aggregate sequence number of the last event they
-- applied (version), so a repeated event changes nothing and the edge can wait for its own write.

CREATE TABLE conversation_view (
  id                  UUID                     NOT NULL PRIMARY KEY,
  project_id          VARCHAR(255)             NOT NULL,
  visitor_id          UUID                     NOT NULL,
  status              VARCHAR(16)              NOT NULL,
  created_at          TIMESTAMP WITH TIME ZONE NOT NULL,
  updated_at          TIMESTAMP WITH TIME ZONE NOT NULL,
  last_interaction_at TIMESTAMP WITH TIME ZONE NOT NULL,
  closed_at           TIMESTAMP WITH TIME ZONE,
  close_reason        VARCHAR(256),
  human_handled       BOOLEAN                  NOT NULL,
  human_agent_name    VARCHAR(255),
  human_agent_image   VARCHAR(2048),
  title               VARCHAR(512),
  page_url            VARCHAR(2048),
  last_message_id     UUID,
  version             BIGINT                   NOT NULL
);

CREATE INDEX conversation_view_project_interaction ON conversation_view (project_id, last_interaction_at);
CREATE INDEX conversation_view_visitor_interaction ON conversation_view (project_id, visitor_id, last_interaction_at);
CREATE INDEX conversation_view_project_created ON conversation_view (project_id, created_at);
CREATE INDEX conversation_view_visitor_created ON conversation_view (project_id, visitor_id, created_at);
CREATE INDEX conversation_view_visitor_updated ON conversation_view (project_id, visitor_id, updated_at);

CREATE TABLE message_view (
  id                UUID                     NOT NULL PRIMARY KEY,
  conversation_id   UUID                     NOT NULL,
  project_id        VARCHAR(255)             NOT NULL,
  visitor_id        UUID                     NOT NULL,
  seq               BIGINT                   NOT NULL,
  created_at        TIMESTAMP WITH TIME ZONE NOT NULL,
  role              VARCHAR(16)              NOT NULL,
  text              VARCHAR                  NOT NULL,
  status            VARCHAR(16)              NOT NULL,
  error             VARCHAR(1024),
  feedback          VARCHAR(16),
  feedback_at       TIMESTAMP WITH TIME ZONE,
  human_agent_name  VARCHAR(255),
  human_agent_image VARCHAR(2048),
  page_url          VARCHAR(2048),
  page_title        VARCHAR(1024),
  version           BIGINT                   NOT NULL
);

CREATE UNIQUE INDEX message_view_conversation_seq ON message_view (conversation_id, seq);

CREATE TABLE visitor_view (
  id          UUID                     NOT NULL PRIMARY KEY,
  project_id  VARCHAR(255)             NOT NULL,
  device_id   VARCHAR(100)             NOT NULL,
  type        VARCHAR(16)              NOT NULL,
  external_id VARCHAR(255),
  name        VARCHAR(255),
  avatar_url  VARCHAR(2048),
  created_at  TIMESTAMP WITH TIME ZONE NOT NULL
);
