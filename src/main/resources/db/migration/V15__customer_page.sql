-- The page a customer started a conversation on (the widget tells it with the request): the offer shows it, so
-- the agent knows where the customer is. One row per session that was started from a page.
create table session_page (
    session_id uuid          primary key references service_session (id),
    url        varchar(2048) not null,
    title      varchar(200),
    at         timestamptz   not null
);
