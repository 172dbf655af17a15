import { makeStyles, tokens, typographyStyles } from '@fluentui/react-components';

export const useDerivedMetricsStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', rowGap: tokens.spacingVerticalS, minWidth: 0 },
  row: { display: 'flex', flexWrap: 'wrap', alignItems: 'flex-end', columnGap: tokens.spacingHorizontalS, rowGap: tokens.spacingVerticalS },
  id: { flexBasis: '7em', flexGrow: 1, minWidth: 0 },
  fill: { width: '100%', minWidth: 0 },
  select: { width: '100%', minWidth: 0, '& select': { minWidth: 0, textOverflow: 'ellipsis' } },
  description: { color: tokens.colorNeutralForeground3, ...typographyStyles.caption1 },
  list: { listStyleType: 'none', margin: 0, padding: 0, display: 'flex', flexDirection: 'column', rowGap: tokens.spacingVerticalXS },
  item: { display: 'flex', alignItems: 'center', columnGap: tokens.spacingHorizontalS },
  formula: { flexGrow: 1, minWidth: 0, overflowWrap: 'anywhere', ...typographyStyles.caption1, fontFamily: tokens.fontFamilyMonospace },
});
