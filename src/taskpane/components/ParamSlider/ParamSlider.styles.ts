import { makeStyles, tokens, typographyStyles } from '@fluentui/react-components';

export const useParamSliderStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', rowGap: tokens.spacingVerticalXXS, marginBottom: tokens.spacingVerticalS, minWidth: 0 },
  head: { display: 'flex', alignItems: 'flex-start', justifyContent: 'space-between', columnGap: tokens.spacingHorizontalS, minWidth: 0 },
  label: { flexGrow: 1, minWidth: 0, paddingTop: tokens.spacingVerticalXXS },
  entry: { width: '7.5em', flexShrink: 0 },
  entryInput: { textAlign: 'right', fontVariantNumeric: 'tabular-nums', minWidth: 0 },
  slider: { width: '100%', minWidth: 0 },
  // Fluent draws a mark per step over the rail; with hundreds of steps the marks cover it completely.
  rail: { '::before': { display: 'none' } },
  error: { color: tokens.colorPaletteRedForeground1, ...typographyStyles.caption1 },
  range: { display: 'flex', justifyContent: 'space-between', color: tokens.colorNeutralForeground3, ...typographyStyles.caption2 },
});
