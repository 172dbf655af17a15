import { makeStyles, tokens, typographyStyles } from '@fluentui/react-components';

export const useScenarioChartsStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', rowGap: tokens.spacingVerticalS, minWidth: 0 },
  bar: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    justifyContent: 'space-between',
    columnGap: tokens.spacingHorizontalS,
    rowGap: tokens.spacingVerticalXS,
  },
  tabs: { flexWrap: 'wrap' },
  year: { width: '6.5rem' },
  waiting: {
    minHeight: '14rem',
    display: 'flex',
    alignItems: 'center',
    justifyContent: 'center',
    color: tokens.colorNeutralForeground3,
    ...typographyStyles.caption1,
  },
});
