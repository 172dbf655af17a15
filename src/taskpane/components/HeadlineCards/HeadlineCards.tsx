import * as React from 'react';
import { formatValue } from '../../../app/units';
import type { HeadlineCardsProps } from './HeadlineCards.types';
import { useHeadlineCardsStyles } from './HeadlineCards.styles';

/** Short names for the cards; the full output label is the card's description. */
const SHORT: Record<string, string> = {
  'nev.share.China': 'NEV share, China',
  'nev.share.Europe': 'NEV share, Europe',
  'nev.chinaShareOfGlobal.chinaMade': 'China-made share of world NEVs',
  'exports.value.total': 'China component exports',
  'rnd.optimalChinaShare': 'Best China share of R&D',
  'rnd.cycleTimeMonths': 'Development cycle',
};

/** Key figures of the scenario in one year, updated on every slider event. */
export const HeadlineCards = React.memo(function HeadlineCards({ headlines }: HeadlineCardsProps): React.ReactElement {
  const styles = useHeadlineCardsStyles();
  return (
    <section aria-label="Key figures" aria-busy={headlines === null}>
      <dl className={styles.root}>
        {(headlines ?? Object.keys(SHORT).map((id) => ({ id, label: SHORT[id], unit: '', year: 2030, value: Number.NaN }))).map((h) => {
          const shown = formatValue(h.value, h.unit);
          return (
            <div key={h.id} className={styles.card} data-output={h.id} title={h.label}>
              <dt className={styles.label}>
                {SHORT[h.id] ?? h.label}, {h.year}
              </dt>
              <dd className={styles.value} data-headline-value={h.id}>
                {headlines === null ? <span className={styles.none}>…</span> : shown || <span className={styles.none}>no value</span>}
              </dd>
            </div>
          );
        })}
      </dl>
    </section>
  );
});
