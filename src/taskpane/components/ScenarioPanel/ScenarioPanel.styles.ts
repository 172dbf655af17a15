import { makeStyles, tokens, typographyStyles } from '@fluentui/react-components';

export const useScenarioPanelStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', rowGap: tokens.spacingVerticalM },
  row: { display: 'flex', alignItems: 'flex-end', columnGap: tokens.spacingHorizontalS },
  grow: { flexGrow: 1, minWidth: 0 },
  metricId: { width: '7em', flexShrink: 0 },
  description: { color: tokens.colorNeutralForeground3, ...typographyStyles.caption1 },
  param: { display: 'flex', flexDirection: 'column', rowGap: tokens.spacingVerticalXXS, marginBottom: tokens.spacingVerticalS },
  paramHead: { display: 'flex', justifyContent: 'space-between', alignItems: 'center', columnGap: tokens.spacingHorizontalS },
  paramValue: { fontVariantNumeric: 'tabular-nums', ...typographyStyles.body1Strong, whiteSpace: 'nowrap' },
  slider: { width: '100%' },
  headlines: {
    display: 'grid',
    gridTemplateColumns: 'repeat(2, minmax(0, 1fr))',
    gap: tokens.spacingHorizontalS,
  },
  headline: {
    padding: tokens.spacingHorizontalS,
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: tokens.colorNeutralBackground2,
    display: 'flex',
    flexDirection: 'column',
  },
  headlineLabel: { color: tokens.colorNeutralForeground3, ...typographyStyles.caption1 },
  headlineValue: { ...typographyStyles.subtitle2, fontVariantNumeric: 'tabular-nums' },
  table: { width: '100%', ...typographyStyles.caption1 },
  savedList: { display: 'flex', flexDirection: 'column', rowGap: tokens.spacingVerticalXXS },
});
