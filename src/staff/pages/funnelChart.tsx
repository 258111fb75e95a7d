import { funnelStages, type StageCounts } from '../../domain/funnel.js';
import { text } from '../text.js';

/**
 * Segment colours: each at least 4.5:1 against white (text-level contrast, more than the 3:1
 * WCAG asks of graphics), told apart by the white gap between segments and by the legend.
 */
export const segmentColours = ['#1d5b7f', '#a3480b', '#2b6e37', '#6b3fa0', '#8a1c3c', '#4a4a4a'];

const width = 640;
const labelWidth = 170;
const barHeight = 26;
const gap = 12;
const top = 8;

export interface Segment {
  key: string;
  label: string;
  counts: StageCounts;
}

/**
 * One horizontal bar per funnel stage, split into segments (channels or languages), drawn as
 * server-side SVG: no script, scales with the page, prints. The numbers are in the table
 * beside it and in the description, for anyone who does not see the chart.
 */
export function FunnelChart(props: {
  id: string;
  title: string;
  segments: Segment[];
  total: StageCounts;
}) {
  const max = Math.max(1, ...funnelStages.map((stage) => props.total[stage]));
  const barArea = width - labelWidth - 48;
  const height = top + funnelStages.length * (barHeight + gap);
  const description = funnelStages
    .map((stage) => `${text.stages[stage]}: ${props.total[stage]}`)
    .join('. ');
  return (
    <figure class="chart">
      <svg
        viewBox={`0 0 ${width} ${height}`}
        width="100%"
        role="img"
        aria-labelledby={`${props.id}-title ${props.id}-desc`}
        focusable="false"
      >
        <title id={`${props.id}-title`}>{props.title}</title>
        <desc id={`${props.id}-desc`}>{description}</desc>
        {funnelStages.map((stage, row) => {
          const y = top + row * (barHeight + gap);
          let x = labelWidth;
          return (
            <g key={stage}>
              <text
                x={labelWidth - 8}
                y={y + barHeight / 2}
                text-anchor="end"
                dominant-baseline="middle"
                class="label"
              >
                {text.stages[stage]}
              </text>
              {props.segments.map((segment, index) => {
                const value = segment.counts[stage];
                const w = (value / max) * barArea;
                const rect = (
                  <rect
                    key={segment.key}
                    x={x}
                    y={y}
                    width={Math.max(0, w)}
                    height={barHeight}
                    fill={segmentColours[index % segmentColours.length]}
                    stroke="#ffffff"
                    stroke-width="2"
                  />
                );
                x += w;
                return rect;
              })}
              <text x={x + 6} y={y + barHeight / 2} dominant-baseline="middle" class="value">
                {props.total[stage]}
              </text>
            </g>
          );
        })}
      </svg>
      <figcaption>
        <ul class="legend">
          {props.segments.map((segment, index) => (
            <li key={segment.key}>
              <span class="swatch" data-colour={index % segmentColours.length} aria-hidden="true" />{' '}
              {segment.label}
            </li>
          ))}
        </ul>
      </figcaption>
    </figure>
  );
}
