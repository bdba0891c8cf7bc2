-- The directory of CSRs. Skills are a JSON object {skill: level 1..10}.
create table agent (
    id             varchar(64)  primary key,
    display_name   varchar(200) not null,
    skills         text         not null,
    max_sessions   integer      not null check (max_sessions between 1 and 100),
    presence       varchar(16)  not null,
    presence_since timestamptz  not null,
    idle_since     timestamptz  not null,
    updated_at     timestamptz  not null
);
