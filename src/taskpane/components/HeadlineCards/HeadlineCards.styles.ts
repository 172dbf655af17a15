import { makeStyles, tokens, typographyStyles } from '@fluentui/react-components';

export const useHeadlineCardsStyles = makeStyles({
  root: {
    display: 'grid',
    gridTemplateColumns: 'repeat(auto-fill, minmax(7.5rem, 1fr))',
    gap: tokens.spacingHorizontalS,
    margin: 0,
  },
  card: {
    padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalS}`,
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: tokens.colorNeutralBackground2,
    display: 'flex',
    flexDirection: 'column',
    minWidth: 0,
    margin: 0,
  },
  label: { color: tokens.colorNeutralForeground2, ...typographyStyles.caption1, margin: 0 },
  value: { ...typographyStyles.subtitle2, fontVariantNumeric: 'tabular-nums', margin: 0, overflowWrap: 'anywhere' },
  none: { color: tokens.colorNeutralForeground3, ...typographyStyles.body1 },
});
