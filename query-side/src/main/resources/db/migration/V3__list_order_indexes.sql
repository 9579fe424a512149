-- The list query orders by (column, id) in one direction; indexes that end with id let both
-- databases walk the index (forwards or backwards) and stop after one page, instead of sorting
-- every matching row.
DROP INDEX conversation_view_project_interaction;
DROP INDEX conversation_view_visitor_interaction;
DROP INDEX conversation_view_project_created;
DROP INDEX conversation_view_visitor_created;
DROP INDEX conversation_view_visitor_updated;

CREATE INDEX conversation_view_project_interaction ON conversation_view (project_id, last_interaction_at, id);
CREATE INDEX conversation_view_visitor_interaction ON conversation_view (project_id, visitor_id, last_interaction_at, id);
CREATE INDEX conversation_view_project_created ON conversation_view (project_id, created_at, id);
CREATE INDEX conversation_view_visitor_created ON conversation_view (project_id, visitor_id, created_at, id);
CREATE INDEX conversation_view_project_updated ON conversation_view (project_id, updated_at, id);
CREATE INDEX conversation_view_visitor_updated ON conversation_view (project_id, visitor_id, updated_at, id);
