import { makeStyles, tokens, typographyStyles } from '@fluentui/react-components';

export const useSavedScenariosStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', rowGap: tokens.spacingVerticalS, minWidth: 0 },
  row: { display: 'flex', alignItems: 'flex-end', columnGap: tokens.spacingHorizontalS, minWidth: 0 },
  grow: { flexGrow: 1, minWidth: 0 },
  list: { listStyleType: 'none', margin: 0, padding: 0, display: 'flex', flexDirection: 'column', rowGap: tokens.spacingVerticalXS },
  item: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'flex-start',
    columnGap: tokens.spacingHorizontalXS,
    rowGap: tokens.spacingVerticalXXS,
    padding: `${tokens.spacingVerticalXXS} 0`,
    borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    minWidth: 0,
  },
  itemName: { flexGrow: 1, flexShrink: 1, flexBasis: '8rem', minWidth: 0, overflowWrap: 'anywhere' },
  itemActions: { display: 'flex', alignItems: 'center', columnGap: tokens.spacingHorizontalXXS, flexShrink: 0, marginLeft: 'auto' },
  compact: { minWidth: 'auto' },
  // A long option must not widen the pane: the select takes the column's width and truncates.
  select: { width: '100%', minWidth: 0, '& select': { minWidth: 0, textOverflow: 'ellipsis' } },
  itemMeta: { display: 'block', color: tokens.colorNeutralForeground3, ...typographyStyles.caption1 },
  current: { ...typographyStyles.caption1Strong, color: tokens.colorBrandForeground1 },
  hint: { color: tokens.colorNeutralForeground3, ...typographyStyles.caption1 },
  confirm: { display: 'flex', flexWrap: 'wrap', alignItems: 'center', columnGap: tokens.spacingHorizontalS, width: '100%' },
});
