-- The raw events, cleaned: one row per event id (of copies a loader wrote
-- twice, the one with the latest time), without rows that lack an id or a
-- time, typed with dbt's own type names so that it runs on BigQuery and on
-- DuckDB alike.
with ranked as (
    select
        cast(event_id as {{ dbt.type_string() }}) as event_id,
        cast(occurred_at as {{ dbt.type_timestamp() }}) as occurred_at,
        lower(trim(cast(event_type as {{ dbt.type_string() }}))) as event_type,
        row_number() over (
            partition by event_id
            order by occurred_at desc
        ) as copy_number
    from {{ source('raw', 'events') }}
    where event_id is not null
      and occurred_at is not null
)

select event_id, occurred_at, event_type
from ranked
where copy_number = 1
