-- A model's dataset is exactly the one its folder names in dbt_project.yml
-- (the product's cleaned or curated dataset), not dbt's default
-- "<target dataset>_<name>": the platform created those datasets and gave
-- the product's service account the right to write to them, and no others.
{% macro generate_schema_name(custom_schema_name, node) -%}
    {%- if custom_schema_name is none -%}
        {{ target.schema }}
    {%- else -%}
        {{ custom_schema_name | trim }}
    {%- endif -%}
{%- endmacro %}
