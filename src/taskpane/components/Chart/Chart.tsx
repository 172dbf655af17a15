import * as React from 'react';
import { mergeClasses, useId } from '@fluentui/react-components';
import type { LegendItem, LineStyle } from '../../../app/plans/charts';
import type { ChartProps } from './Chart.types';
import { useChart } from './useChart';
import { useChartStyles, useSlotStyles } from './Chart.styles';

/**
 * Draws a ChartSpec as SVG: title, y-axis title, plot, x-axis title, legend. The plot is one tab stop;
 * arrow keys move through the points (or bars), the tooltip shows the value with its unit and a
 * polite live region says it; the spec's summary describes the whole chart to screen readers.
 */
export function Chart({ spec, plotHeight, initialWidth = 300 }: ChartProps): React.ReactElement {
  const styles = useChartStyles();
  const slots = useSlotStyles();
  const slotClass = (c: number) => [slots.s0, slots.s1, slots.s2, slots.s3, slots.s4, slots.s5, slots.s6, slots.s7][c] ?? slots.s0;
  const chart = useChart(spec, plotHeight, initialWidth);
  const { layout, active } = chart;
  const id = useId('chart');
  const dash = (style: LineStyle) => (style === 'dashed' ? styles.dashed : style === 'dotted' ? styles.dotted : undefined);
  const isBars = spec.kind === 'tornado' || spec.kind === 'stackedBar';
  const tipLeft = active ? Math.max(0, Math.min(active.px - 80, layout.width - 200)) : 0;
  const tipTop = active ? (active.py > layout.height / 2 ? Math.max(0, active.py - 64) : active.py + 14) : 0;

  return (
    <figure className={styles.root} aria-labelledby={`${id}-title`} data-chart={spec.id}>
      <figcaption id={`${id}-title`} className={styles.title}>
        {spec.title}
      </figcaption>
      {!isBars && <span className={styles.axisTitle}>{spec.y.title}</span>}
      <div
        ref={chart.boxRef}
        className={styles.box}
        tabIndex={0}
        role="group"
        aria-roledescription="chart"
        aria-label={`${spec.title}. Arrow keys read the values.`}
        aria-describedby={`${id}-summary`}
        onKeyDown={chart.onKeyDown}
        onPointerMove={chart.onPointerMove}
        onPointerLeave={chart.onPointerLeave}
        onFocus={chart.onFocus}
        onBlur={chart.onBlur}
      >
        <svg className={styles.svg} width={layout.width} height={layout.height} aria-hidden="true" focusable="false">
          {layout.yTicks.map((t) => (
            <g key={`y${t.value}`}>
              <line className={styles.grid} x1={layout.plot.left} x2={layout.plot.right} y1={t.pos} y2={t.pos} />
              <text className={styles.tick} x={layout.plot.left - 6} y={t.pos} dy="0.32em" textAnchor="end">
                {t.label}
              </text>
            </g>
          ))}
          {isBars &&
            layout.xTicks.map((t) => (
              <line key={`gx${t.value}`} className={styles.grid} x1={t.pos} x2={t.pos} y1={layout.plot.top} y2={layout.plot.bottom} />
            ))}
          {layout.bands.map((b) => (
            <path
              key={b.id}
              d={b.path}
              className={mergeClasses(b.depth === 'outer' ? styles.bandOuter : styles.bandInner, slotClass(b.color), slots.fill)}
            />
          ))}
          {layout.rows.map((r) => (
            <g key={r.id}>
              {r.segments.map((s) => (
                <rect key={s.id} x={s.x} y={s.y} width={s.w} height={s.h} rx={2} className={mergeClasses(slotClass(s.color), slots.fill)} />
              ))}
            </g>
          ))}
          {layout.lines.map((l) => (
            <g key={l.id}>
              <path d={l.path} className={mergeClasses(styles.line, dash(l.style), slotClass(l.color), slots.stroke)} />
              {l.markers.map((m) => (
                <circle
                  key={`${m.px}`}
                  cx={m.px}
                  cy={m.py}
                  r={2.75}
                  className={mergeClasses(styles.marker, slotClass(l.color), slots.fill)}
                />
              ))}
            </g>
          ))}
          {layout.marks.map((m) =>
            m.type === 'point' ? (
              <g key={m.id}>
                <circle cx={m.x1} cy={m.y1} r={5} className={styles.markPoint} />
              </g>
            ) : (
              <g key={m.id}>
                <line className={mergeClasses(styles.markLine, dash(m.style))} x1={m.x1} x2={m.x2} y1={m.y1} y2={m.y2} />
              </g>
            ),
          )}
          {/* Bar labels after the marks, on a background: a base-case line does not run through the text. */}
          {layout.rows.map((r) => (
            <g key={`label-${r.id}`}>
              <rect className={styles.labelBackground} x={layout.plot.left - 2} y={r.labelY - 13} width={r.labelWidth + 4} height={16} />
              <text className={styles.rowLabel} x={layout.plot.left} y={r.labelY}>
                {r.label}
              </text>
            </g>
          ))}
          <line className={styles.axis} x1={layout.plot.left} x2={layout.plot.right} y1={layout.plot.bottom} y2={layout.plot.bottom} />
          {layout.xTicks.map((t, i) => (
            <text
              key={`x${t.value}`}
              className={styles.tick}
              x={t.pos}
              y={layout.plot.bottom + 14}
              textAnchor={
                i === 0 && t.pos - layout.plot.left < 16
                  ? 'start'
                  : i === layout.xTicks.length - 1 && layout.plot.right - t.pos < 16
                    ? 'end'
                    : 'middle'
              }
            >
              {t.label}
            </text>
          ))}
          {active && <circle className={styles.focusRing} cx={active.px} cy={isBars ? active.py + 7 : active.py} r={isBars ? 9 : 6} />}
        </svg>
        {active && (
          <div className={styles.tooltip} style={{ left: tipLeft, top: tipTop }}>
            <div className={styles.tooltipFirst}>{active.text}</div>
            {active.details.map((d) => (
              <div key={d}>{d}</div>
            ))}
          </div>
        )}
      </div>
      <span className={mergeClasses(styles.axisTitle, styles.axisTitleX)}>{spec.x.title}</span>
      <ul className={styles.legend} aria-label={`Legend of ${spec.title}`}>
        {spec.legend.map((item) => (
          <li key={item.label} className={styles.legendItem}>
            <Swatch item={item} />
            {item.label}
          </li>
        ))}
      </ul>
      <p id={`${id}-summary`} className={styles.visuallyHidden}>
        {spec.summary}
        {spec.marks.filter((m) => m.type !== 'point').map((m) => ` ${m.label}.`)}
      </p>
      <div className={styles.visuallyHidden} aria-live="polite">
        {active ? [active.text, ...active.details].join('. ') : ''}
      </div>
    </figure>
  );
}

function Swatch({ item }: { item: LegendItem }): React.ReactElement {
  const styles = useChartStyles();
  const slots = useSlotStyles();
  const color =
    item.color === undefined ? undefined : [slots.s0, slots.s1, slots.s2, slots.s3, slots.s4, slots.s5, slots.s6, slots.s7][item.color];
  return (
    <svg className={styles.swatch} viewBox="0 0 20 12" aria-hidden="true" focusable="false">
      {item.swatch === 'bar' && <rect x={2} y={2} width={16} height={8} rx={2} className={mergeClasses(color, slots.fill)} />}
      {item.swatch === 'band' && (
        <rect
          x={2}
          y={1}
          width={16}
          height={10}
          className={mergeClasses(item.label.startsWith('P5') ? styles.bandOuter : styles.bandInner, color ?? slots.s0, slots.fill)}
        />
      )}
      {(item.swatch === 'line' || item.swatch === 'dashed') && (
        <line
          x1={1}
          x2={19}
          y1={6}
          y2={6}
          className={mergeClasses(
            styles.line,
            item.swatch === 'dashed' && styles.dashed,
            color ? mergeClasses(color, slots.stroke) : styles.markLine,
          )}
        />
      )}
      {item.swatch === 'points' && (
        <>
          <line x1={1} x2={19} y1={6} y2={6} className={mergeClasses(styles.line, styles.markLine)} />
          <circle cx={10} cy={6} r={3} className={styles.markPoint} />
        </>
      )}
      {item.swatch === 'mark' && <circle cx={10} cy={6} r={4} className={styles.markPoint} />}
    </svg>
  );
}

export default Chart;
