import { makeStyles, tokens, typographyStyles } from '@fluentui/react-components';

export const useSimulationPanelStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', rowGap: tokens.spacingVerticalM, minWidth: 0 },
  row: { display: 'flex', alignItems: 'flex-end', columnGap: tokens.spacingHorizontalS, rowGap: tokens.spacingVerticalS, flexWrap: 'wrap' },
  field: { flexGrow: 1, flexBasis: '7rem', minWidth: 0 },
  input: { width: '100%', minWidth: 0 },
  // A long option must not widen the pane: the select takes the column's width and truncates.
  select: { width: '100%', minWidth: 0, '& select': { minWidth: 0, textOverflow: 'ellipsis' } },
  table: { width: '100%', borderCollapse: 'collapse', ...typographyStyles.caption1, fontVariantNumeric: 'tabular-nums' },
  cellNum: { textAlign: 'right', paddingLeft: tokens.spacingHorizontalXS, whiteSpace: 'nowrap' },
  headerCell: { textAlign: 'left', fontWeight: tokens.fontWeightRegular },
  groupCell: { textAlign: 'left', fontWeight: tokens.fontWeightSemibold, paddingTop: tokens.spacingVerticalS },
  note: { color: tokens.colorNeutralForeground3, ...typographyStyles.caption1 },
});
