-- The live event stream (GET /api/stream) reads the session and agent event logs in the order their transactions
-- began, and only rows whose transaction is older than every transaction still running: those are final, so a
-- reader never passes a row that commits later with a smaller id. Each row remembers its transaction.
alter table session_event add column tx xid8 not null default pg_current_xact_id();
alter table agent_event add column tx xid8 not null default pg_current_xact_id();
create index session_event_by_tx on session_event (tx, id);
create index agent_event_by_tx on agent_event (tx, id);
