import { makeStyles, tokens, typographyStyles } from '@fluentui/react-components';

export const useScenarioPanelStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', rowGap: tokens.spacingVerticalM, minWidth: 0 },
  row: { display: 'flex', flexWrap: 'wrap', alignItems: 'center', columnGap: tokens.spacingHorizontalS, rowGap: tokens.spacingVerticalXS },
  description: { color: tokens.colorNeutralForeground3, ...typographyStyles.caption1 },
  caption: { color: tokens.colorNeutralForeground3, ...typographyStyles.caption1, textAlign: 'left', captionSide: 'top' },
  status: { color: tokens.colorNeutralForeground2, ...typographyStyles.caption1 },
  notes: { margin: 0, paddingLeft: '16px', overflowWrap: 'anywhere' },
  inputs: { ...typographyStyles.caption1Strong },
  panel: { minWidth: 0 },
  table: { width: '100%', borderCollapse: 'collapse', ...typographyStyles.caption1, fontVariantNumeric: 'tabular-nums' },
  cellNum: { textAlign: 'right' },
  headerCell: { textAlign: 'left', fontWeight: tokens.fontWeightSemibold },
});
