"""The database's views: current rows only (of loaded documents), created by the loader.

Their descriptions and column descriptions are in schemas/contract.toml; a test checks
that every view there exists here with exactly the columns it describes.
"""

from __future__ import annotations

import sqlite_utils

# Order of statuses from worst to best, for "improved" and "worsened".
RAG_RANK = "case {col} when 'red' then 1 when 'red_amber' then 2 when 'amber' then 3 " \
           "when 'amber_green' then 4 when 'green' then 5 when 'blue' then 6 end"

# A period's position in years: the end of a financial year, or the end of its quarter
# ("2006/07" is 2007.0, "2008/09 Q1" is 2008.25). The straight-line trajectory of seed 001
# ("interim targets have been set on a straight line trajectory between the baseline and
# the 3 year target") runs between two such positions.
POSITION = "(case when {col} glob '[0-9][0-9][0-9][0-9]/[0-9][0-9] Q[1-4]' " \
           "then cast(substr({col}, 1, 4) as integer) + cast(substr({col}, 10, 1) as integer) / 4.0 " \
           "when {col} glob '[0-9][0-9][0-9][0-9]/[0-9][0-9]' then cast(substr({col}, 1, 4) as integer) + 1.0 end)"

VIEWS: dict[str, str] = {
    "current_commitments": """
select c.id, c.document_id, d.organisation, d.service, d.period_label, d.financial_year, d.quarter,
       c.section, c.group_label, c.ref, c.priority, c.commitment, c.deliverable, c.officers,
       (select group_concat(o.name, '; ') from commitment_officers l join officers o on o.id = l.officer_id
         where l.commitment_id = c.id) as officer_names,
       c.due, c.rag, c.rag_raw, c.comment, c.page_start
from commitments c join documents d on d.id = c.document_id
where d.status = 'loaded'
""",
    "current_indicator_values": """
select v.id, v.document_id, v.indicator_id, i.code, i.description, i.unit, i.polarity, i.organisation,
       d.service, d.period_label, v.kind, v.period, v.value, v.value_raw, v.rag, v.direction, v.page
from indicator_values v join documents d on d.id = v.document_id
left join indicators i on i.id = v.indicator_id
where d.status = 'loaded'
""",
    "current_actions": """
select a.id, a.document_id, d.organisation, d.service, d.period_label, d.financial_year, d.quarter,
       i.code, a.ref, a.action, a.milestone, a.lead_officer, a.progress, a.due, a.rag, a.rag_raw, a.page_start
from actions a join documents d on d.id = a.document_id
left join indicators i on i.id = a.indicator_id
where d.status = 'loaded'
""",
    "rag_summary": """
select organisation, service, period_label, financial_year, quarter, section, rag, count(*) as count
from (
  select d.organisation, d.service, d.period_label, d.financial_year, d.quarter, c.section, c.rag
  from commitments c join documents d on d.id = c.document_id where d.status = 'loaded'
  union all
  select d.organisation, d.service, d.period_label, d.financial_year, d.quarter, 'Actions', a.rag
  from actions a join documents d on d.id = a.document_id where d.status = 'loaded'
)
group by organisation, service, period_label, financial_year, quarter, section, rag
""",
    "exceptions": """
select 'commitments' as record_table, c.id as record_id, c.document_id, d.file_name, d.organisation, d.service,
       d.period_label, d.financial_year, d.quarter, c.section,
       coalesce(c.commitment, c.deliverable, c.priority) as item, c.officers, c.rag, c.comment,
       c.page_start as page
from commitments c join documents d on d.id = c.document_id
where d.status = 'loaded' and c.rag in ('red', 'red_amber', 'amber')
union all
select 'actions', a.id, a.document_id, d.file_name, d.organisation, d.service, d.period_label,
       d.financial_year, d.quarter, 'Actions', a.action, a.lead_officer, a.rag, a.progress, a.page_start
from actions a join documents d on d.id = a.document_id
where d.status = 'loaded' and a.rag in ('red', 'red_amber', 'amber')
""",
    "indicator_progress": f"""
with latest as (
  select v.*, d.financial_year as doc_year, row_number() over (
    partition by v.indicator_id, v.kind, v.period
    order by d.financial_year is null, d.financial_year desc, d.quarter is null, d.quarter desc, d.id desc
  ) as pick
  from indicator_values v join documents d on d.id = v.document_id
  where d.status = 'loaded' and v.value is not null and v.indicator_id is not null
),
vals as (select *, {POSITION.format(col="period")} as position from latest where pick = 1),
baseline as (
  select indicator_id, period, value, position from (
    select *, row_number() over (partition by indicator_id order by position desc) as n
    from vals where kind = 'baseline' and position is not null) where n = 1
),
final as (
  select indicator_id, period, value, position from (
    select *, row_number() over (partition by indicator_id order by position desc) as n
    from vals where kind = 'target' and position is not null) where n = 1
),
actuals as (
  select a.*, row_number() over (partition by a.indicator_id order by a.position desc) as recency
  from vals a where a.kind = 'actual'
),
progress as (
  select i.id as indicator_id, i.code, i.description, i.unit, i.organisation,
         coalesce(i.polarity, case when f.value > b.value then 'higher' when f.value < b.value then 'lower' end)
           as polarity,
         case when i.polarity is not null then 'printed' when f.value <> b.value then 'targets' end
           as polarity_source,
         a.period, a.value as actual, substr(a.period, 1, 7) as financial_year,
         (select t.value from vals t where t.indicator_id = a.indicator_id and t.kind = 'target'
            and t.period = substr(a.period, 1, 7)) as target,
         b.period as baseline_period, b.value as baseline, f.period as final_target_period,
         f.value as final_target,
         case when a.position is not null and f.position > b.position
              then round(b.value + (f.value - b.value) * (a.position - b.position) / (f.position - b.position), 2)
         end as trajectory,
         a.recency = 1 as is_latest, a.document_id
  from actuals a join indicators i on i.id = a.indicator_id
  left join baseline b on b.indicator_id = a.indicator_id
  left join final f on f.indicator_id = a.indicator_id
)
select indicator_id, code, description, unit, organisation, polarity, polarity_source, period, actual,
       financial_year, target, baseline_period, baseline, final_target_period, final_target, trajectory,
       case when target is null or polarity is null then null
            when polarity = 'lower' then actual <= target else actual >= target end as on_track,
       case when trajectory is null or polarity is null then null
            when polarity = 'lower' then actual <= trajectory else actual >= trajectory end as on_trajectory,
       case when target is null and trajectory is null then 'no target'
            when polarity is null then 'polarity unknown'
            when (case when polarity = 'lower' then actual <= coalesce(target, trajectory)
                       else actual >= coalesce(target, trajectory) end)
             and (trajectory is null or (case when polarity = 'lower' then actual <= trajectory
                                              else actual >= trajectory end))
            then 'on track' else 'off track' end as status,
       is_latest, document_id
from progress
""",
    "commitment_history": f"""
select d.organisation, d.service, d.period_label, d.financial_year, d.quarter, c.section,
       c.id as commitment_id, p.id as previous_id,
       coalesce(c.commitment, c.deliverable, c.priority) as commitment,
       coalesce(p.commitment, p.deliverable, p.priority) as previous_commitment,
       l.score, c.rag, p.rag as previous_rag,
       case when p.id is null then 'new'
            when c.rag is p.rag then 'unchanged'
            when c.rag is null or p.rag is null then 'unrated'
            when {RAG_RANK.format(col="c.rag")} > {RAG_RANK.format(col="p.rag")} then 'improved'
            else 'worsened' end as change,
       c.officers, c.comment
from commitments c join documents d on d.id = c.document_id
left join commitment_links l on l.commitment_id = c.id
left join commitments p on p.id = l.previous_id
where d.status = 'loaded'
union all
select d.organisation, d.service, d.period_label, d.financial_year, d.quarter, p.section,
       null, p.id, coalesce(p.commitment, p.deliverable, p.priority),
       coalesce(p.commitment, p.deliverable, p.priority), null, null, p.rag, 'dropped', p.officers, null
from document_links s join documents d on d.id = s.document_id
join commitments p on p.document_id = s.previous_id
where d.status = 'loaded' and not exists (
  select 1 from commitment_links l join commitments c on c.id = l.commitment_id
  where l.previous_id = p.id and c.document_id = s.document_id)
""",
}


def create_views(db: sqlite_utils.Database) -> None:
    """Create each view, or replace it where its definition has changed."""
    existing = {r[0]: r[1] for r in db.execute("select name, sql from sqlite_master where type = 'view'")}
    for name, sql in VIEWS.items():
        wanted = f"CREATE VIEW [{name}] AS {sql.strip()}"
        if existing.get(name) == wanted:
            continue
        if name in existing:
            db.execute(f"drop view [{name}]")
        db.execute(wanted)
