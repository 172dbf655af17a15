import { makeStyles, tokens, typographyStyles } from '@fluentui/react-components';

export const useSimulationPanelStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', rowGap: tokens.spacingVerticalM },
  row: { display: 'flex', alignItems: 'flex-end', columnGap: tokens.spacingHorizontalS, flexWrap: 'wrap' },
  field: { flexGrow: 1, flexBasis: '8em', minWidth: 0 },
  table: { width: '100%', borderCollapse: 'collapse', ...typographyStyles.caption1, fontVariantNumeric: 'tabular-nums' },
  cellNum: { textAlign: 'right', paddingLeft: tokens.spacingHorizontalXS },
  note: { color: tokens.colorNeutralForeground3, ...typographyStyles.caption1 },
});
