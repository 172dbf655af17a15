import { makeStyles, tokens, typographyStyles } from '@fluentui/react-components';

export const useSavedScenariosStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', rowGap: tokens.spacingVerticalS, minWidth: 0 },
  row: { display: 'flex', alignItems: 'flex-end', columnGap: tokens.spacingHorizontalS, minWidth: 0 },
  grow: { flexGrow: 1, minWidth: 0 },
  list: { listStyleType: 'none', margin: 0, padding: 0, display: 'flex', flexDirection: 'column', rowGap: tokens.spacingVerticalXS },
  item: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    columnGap: tokens.spacingHorizontalXS,
    rowGap: tokens.spacingVerticalXXS,
    padding: `${tokens.spacingVerticalXXS} 0`,
    borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    minWidth: 0,
  },
  itemName: { flexGrow: 1, minWidth: 0, overflowWrap: 'anywhere' },
  itemMeta: { display: 'block', color: tokens.colorNeutralForeground3, ...typographyStyles.caption1 },
  current: { ...typographyStyles.caption1Strong, color: tokens.colorBrandForeground1 },
  hint: { color: tokens.colorNeutralForeground3, ...typographyStyles.caption1 },
  confirm: { display: 'flex', flexWrap: 'wrap', alignItems: 'center', columnGap: tokens.spacingHorizontalS, width: '100%' },
});
