-- Legs whose control channel was reported lost: the reconnect sweep (LegLiveness) reads these alone, by this
-- index, instead of every open session with its legs, so a sweep costs what is disconnected, not what is open.
create index leg_control_lost on leg (session_id)
    where state in ('invited', 'joining', 'connected') and (channels::jsonb ->> 'control') = 'disconnected';
