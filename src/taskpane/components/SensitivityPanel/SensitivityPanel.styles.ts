import { makeStyles, tokens, typographyStyles } from '@fluentui/react-components';

export const useSensitivityPanelStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', rowGap: tokens.spacingVerticalM },
  list: { listStyleType: 'none', padding: 0, margin: 0, display: 'flex', flexDirection: 'column', rowGap: tokens.spacingVerticalS },
  row: { display: 'flex', alignItems: 'flex-end', columnGap: tokens.spacingHorizontalS },
  grow: { flexGrow: 1, minWidth: 0 },
  year: { width: '6em' },
  bar: { display: 'flex', flexDirection: 'column', rowGap: tokens.spacingVerticalXXS, ...typographyStyles.caption1 },
  track: { position: 'relative', height: tokens.spacingVerticalM, backgroundColor: tokens.colorNeutralBackground3, borderRadius: tokens.borderRadiusSmall },
  fill: { position: 'absolute', top: 0, bottom: 0, backgroundColor: tokens.colorBrandBackground, borderRadius: tokens.borderRadiusSmall },
  numbers: { display: 'flex', justifyContent: 'space-between', color: tokens.colorNeutralForeground3, fontVariantNumeric: 'tabular-nums' },
});
