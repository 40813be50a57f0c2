/**
 * Tags keep the spelling the team first gave them: a POC tagged "k8s" after
 * another was tagged "K8s" gets "K8s", so lists, facets and reports show one
 * tag, not two. An SQL expression over a JSON array parameter (one `?`), for
 * the insert statement and the update alike; it runs under the tenant's RLS
 * scope, so it only ever sees this team's POCs. `exceptPoc` leaves out the
 * POC being edited, whose own spelling the user may be correcting.
 */
export const teamTagSpellingSql = (exceptPoc: 'none' | 'param' = 'none') =>
  `array(select coalesce(
           (select t from pocs p, unnest(p.tags) t
             where lower(t) = lower(x.tag)${exceptPoc === 'param' ? ' and p.id <> ?::uuid' : ''}
             order by p.created_at, p.id limit 1),
           x.tag)
         from jsonb_array_elements_text(?::jsonb) with ordinality x(tag, n) order by x.n)`;
