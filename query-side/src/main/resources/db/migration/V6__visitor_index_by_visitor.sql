-- A visitor's conversations are found by the visitor id alone: it is unique across projects (a
-- name-based UUID of the project and the device), and an index that began with project_id as well
-- looked to H2 like the cheapest way to answer every project-wide list, which it then sorted in
-- full (50 ms a page at 100 000 conversations) instead of walking the (project_id, <order>, id)
-- index that needs no sort.
DROP INDEX conversation_view_visitor;

CREATE INDEX conversation_view_visitor ON conversation_view (visitor_id);
