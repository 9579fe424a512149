-- How many conversations each project has in each status, kept by the conversations projection,
-- so that the project-wide list answers its total without counting a million rows.
CREATE TABLE conversation_count (
  project_id VARCHAR(255) NOT NULL,
  status     VARCHAR(16)  NOT NULL,
  n          BIGINT       NOT NULL,
  PRIMARY KEY (project_id, status)
);

INSERT INTO conversation_count (project_id, status, n)
SELECT project_id, status, COUNT(*) FROM conversation_view GROUP BY project_id, status;
