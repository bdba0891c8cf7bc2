-- A customer's earlier sessions are found by its visitor id or by the reference staff labelled it with: each by
-- an index, so the history costs the same however many sessions there are.
create index leg_customer_by_endpoint on leg (endpoint_id) where role = 'customer';
create index leg_customer_by_label on leg (label) where role = 'customer' and label is not null;
