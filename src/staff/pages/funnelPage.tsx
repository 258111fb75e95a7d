import { funnelStages, percentOf, type FunnelCounts } from '../../domain/funnel.js';
import { channelName, fill, languageName, text } from '../text.js';
import { FunnelChart, type Segment } from './funnelChart.js';
import { Layout, type Viewer } from './layout.js';

function CountsTable(props: {
  caption: string;
  rows: { label: string; counts: FunnelCounts['total'] }[];
}) {
  return (
    <div class="table-wrap">
      <table>
        <caption>{props.caption}</caption>
        <thead>
          <tr>
            <th scope="col">{text.funnel.group}</th>
            {funnelStages.map((stage) => (
              <th scope="col" key={stage} class="num">
                {text.stages[stage]}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {props.rows.map((row) => (
            <tr key={row.label}>
              <th scope="row">{row.label}</th>
              {funnelStages.map((stage) => (
                <td key={stage} class="num">
                  {row.counts[stage]}
                  {stage !== 'contact' && row.counts.contact > 0 && (
                    <span class="muted">
                      {' '}
                      ({percentOf(row.counts[stage], row.counts.contact)}%)
                    </span>
                  )}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function FunnelPage(props: {
  viewer: Viewer;
  counts: FunnelCounts;
  previous: string;
  next: string;
}) {
  const { counts } = props;
  const channels: Segment[] = counts.byChannel.map((c) => ({
    key: c.key,
    label: channelName(c.key),
    counts: c.counts,
  }));
  const languages: Segment[] = counts.byLanguage.map((l) => ({
    key: l.key,
    label: languageName(l.key),
    counts: l.counts,
  }));
  return (
    <Layout
      title={`${text.funnel.title}: ${counts.week}`}
      viewer={props.viewer}
      current="/staff/cijfers"
    >
      <p>{text.funnel.intro}</p>
      <nav aria-label={text.funnel.title} class="pager">
        <a href={`/staff/cijfers?week=${props.previous}`} rel="prev">
          {text.funnel.previous}
        </a>
        <a href={`/staff/cijfers?week=${props.next}`} rel="next">
          {text.funnel.next}
        </a>
      </nav>
      <section aria-labelledby="per-kanaal">
        <h2 id="per-kanaal">{text.funnel.byChannel}</h2>
        <FunnelChart
          id="grafiek-kanaal"
          title={
            fill(text.funnel.chartLabel, { week: counts.week }) + ` – ${text.funnel.byChannel}`
          }
          segments={channels}
          total={counts.total}
        />
        <CountsTable
          caption={`${fill(text.funnel.tableCaption, { week: counts.week })} – ${text.funnel.byChannel}`}
          rows={[
            { label: text.funnel.total, counts: counts.total },
            ...channels.map((c) => ({ label: c.label, counts: c.counts })),
          ]}
        />
      </section>
      <section aria-labelledby="per-taal">
        <h2 id="per-taal">{text.funnel.byLanguage}</h2>
        <FunnelChart
          id="grafiek-taal"
          title={
            fill(text.funnel.chartLabel, { week: counts.week }) + ` – ${text.funnel.byLanguage}`
          }
          segments={languages}
          total={counts.total}
        />
        <CountsTable
          caption={`${fill(text.funnel.tableCaption, { week: counts.week })} – ${text.funnel.byLanguage}`}
          rows={[
            { label: text.funnel.total, counts: counts.total },
            ...languages.map((l) => ({ label: l.label, counts: l.counts })),
          ]}
        />
      </section>
      <p class="hint">{text.funnel.anonymous}</p>
    </Layout>
  );
}
