-- A supervisor's leg says how it is in the session: monitor, whisper or barge (null for other roles).
alter table leg add column supervision varchar(16);

-- Who a chat message is for: everybody ('all'), or the session's staff only ('staff': a supervisor's whisper).
-- Customers' sockets, replays and transcripts never carry a staff message.
alter table chat_message add column audience varchar(8) not null default 'all';
