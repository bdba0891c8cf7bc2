-- A customer's rating of a conversation (1 to 5, and a comment): one per customer and session, the last one
-- given kept; the service's figures read them by service and time.
create table session_rating (
    session_id  uuid          not null references service_session (id),
    customer_id varchar(128)  not null,
    service_id  varchar(64)   not null,
    score       smallint      not null check (score between 1 and 5),
    comment     varchar(1000),
    rated_at    timestamptz   not null,
    primary key (session_id, customer_id)
);
create index session_rating_by_service_time on session_rating (service_id, rated_at);
