import { makeStyles, tokens, typographyStyles } from '@fluentui/react-components';

export const useSensitivityPanelStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', rowGap: tokens.spacingVerticalM },
  list: { listStyleType: 'none', padding: 0, margin: 0, display: 'flex', flexDirection: 'column', rowGap: tokens.spacingVerticalS },
  row: { display: 'flex', alignItems: 'flex-end', columnGap: tokens.spacingHorizontalS },
  year: { width: '6em' },
  note: { color: tokens.colorNeutralForeground3, ...typographyStyles.caption1 },
  bar: { display: 'flex', flexDirection: 'column', rowGap: tokens.spacingVerticalXXS, ...typographyStyles.caption1 },
  track: { position: 'relative', height: tokens.spacingVerticalM, backgroundColor: tokens.colorNeutralBackground3, borderRadius: tokens.borderRadiusSmall },
  rising: { position: 'absolute', top: 0, bottom: 0, backgroundColor: tokens.colorBrandBackground, borderRadius: tokens.borderRadiusSmall },
  falling: { position: 'absolute', top: 0, bottom: 0, backgroundColor: tokens.colorPaletteDarkOrangeBackground3, borderRadius: tokens.borderRadiusSmall },
  baseLine: { position: 'absolute', top: `calc(-1 * ${tokens.spacingVerticalXXS})`, bottom: `calc(-1 * ${tokens.spacingVerticalXXS})`, width: tokens.strokeWidthThick, backgroundColor: tokens.colorNeutralForeground1 },
  numbers: { display: 'flex', justifyContent: 'space-between', color: tokens.colorNeutralForeground3, fontVariantNumeric: 'tabular-nums' },
});
