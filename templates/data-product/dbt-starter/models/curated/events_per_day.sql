-- What the product offers: how many events of each type happened each day.
select
    cast(occurred_at as date) as event_date,
    event_type,
    count(*) as events
from {{ ref('events') }}
group by 1, 2
