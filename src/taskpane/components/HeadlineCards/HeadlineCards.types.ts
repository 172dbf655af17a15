import type { Headline } from '../../../app/scenario/figures';

export interface HeadlineCardsProps {
  /** Null while the model loads. */
  headlines: Headline[] | null;
}
