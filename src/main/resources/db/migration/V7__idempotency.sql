-- Answers to requests sent with an Idempotency-Key (README "REST API"): one row per caller and key, kept a day,
-- so that a retry gets the first answer from any replica. While the first request is in flight, status is null.
create table idempotency_key (
    caller     varchar(300) not null,
    idem_key   varchar(255) not null,
    -- SHA-256 (hex) of the method, path and body: the same key with another request is refused.
    request    char(64)     not null,
    status     integer,
    media_type varchar(100),
    body       text,
    created_at timestamptz  not null,
    primary key (caller, idem_key)
);
create index idempotency_key_by_age on idempotency_key (created_at);
