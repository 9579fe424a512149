-- H2 only. With CACHE 1, H2 writes the identity's state in a commit of its own before every
-- appended event: two file writes per event, where one would do (11 % of the CPU of a send
-- message under load, async-profiler). With 32 values cached, a killed process leaves at most 32
-- unused global indexes behind; the tracking processors record them as gaps, read past them and
-- forget them after 10 000 more events. PostgreSQL keeps CACHE 1: its sequences are not
-- transactional and cost nothing per value, and a per-session cache there would hand out indexes
-- out of order.
ALTER TABLE DomainEventEntry ALTER COLUMN globalIndex SET CACHE 32;
