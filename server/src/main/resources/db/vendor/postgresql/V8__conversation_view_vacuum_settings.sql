-- PostgreSQL only. Every message moves its conversation's last_interaction_at, which leaves a dead
-- row version and dead index entries behind, in the index the project-wide list walks and right
-- where it starts: after 130 000 messages in 50 conversations a list page read 792 pages instead
-- of 5. Autovacuum's default waits for dead rows of 20 % of the table (200 000 at a million
-- conversations); here 10 000 plus 2 % of it. Autovacuum and the service's upkeep
-- (PostgresUpkeep) both follow these.
ALTER TABLE conversation_view SET (autovacuum_vacuum_threshold = 10000, autovacuum_vacuum_scale_factor = 0.02);
