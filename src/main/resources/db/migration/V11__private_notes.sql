-- A private note of staff: kept with the transcript for staff only (audience 'staff'), never a customer's.
alter table chat_message add column note boolean not null default false;
