-- An agent reads the sessions it was offered: one lookup by (agent, session), and its list of them.
create index offer_by_agent_session on offer (agent_id, session_id);
