import type { Headline } from '../../../app/figures';

export interface HeadlineCardsProps {
  /** Null while the model loads. */
  headlines: Headline[] | null;
}
