-- What the routing tick acts on, found by when it is due rather than by reading all of it every second: open
-- offers by their expiry, and agents in wrap-up by its end.
create index offer_open_by_expiry on offer (expires_at) where state = 'open';
create index agent_wrap_up_by_end on agent (wrap_up_until) where state = 'wrap-up';
