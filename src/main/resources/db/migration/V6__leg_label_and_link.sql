-- What an inviter called a customer it named (a label on the leg, never an identity), and when the leg's
-- join link was first opened: from then on it opens only in the browser that opened it first.
alter table leg add column label varchar(200);
alter table leg add column link_bound_at timestamptz;
