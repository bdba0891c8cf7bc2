-- How far each leg has read a session's chat, so that "read" survives a reload of the writer's page.
create table chat_read (
    leg_id     uuid        primary key,
    session_id uuid        not null references service_session (id),
    seq        bigint      not null,
    read_at    timestamptz not null
);
create index chat_read_session on chat_read (session_id);
