-- Tokens refused before they expire (README "Security promises"): one token by its id (a console's sign-out), or
-- every token of an endpoint issued before a moment (an operator's sign-out, a removal from the directory). Every
-- replica keeps them in memory, read at start-up and told of new ones over the cluster channel; a row is kept only
-- until the tokens it refuses would have expired anyway, then purged.
create table token_revocation (
    id          bigserial    primary key,
    endpoint    varchar(200) not null,
    -- One token (its jti) and when it was issued; null: every token of the endpoint issued before not_before.
    token_id    varchar(64),
    issued_at   timestamptz,
    not_before  timestamptz,
    expires_at  timestamptz  not null,
    reason      varchar(500) not null,
    created_at  timestamptz  not null,
    check ((token_id is not null and issued_at is not null) or not_before is not null)
);
create index token_revocation_by_expiry on token_revocation (expires_at);

-- An agent taken out of the directory (DELETE /api/agents/{id}) keeps its row, so that start-up does not add it
-- again from configuration and its history stays readable; PUT /api/agents/{id} adds it again.
alter table agent add column removed_at timestamptz;
