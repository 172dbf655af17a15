import { makeStyles, tokens, typographyStyles } from '@fluentui/react-components';

export const useDataPanelStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', rowGap: tokens.spacingVerticalM, minWidth: 0 },
  row: { display: 'flex', alignItems: 'flex-end', columnGap: tokens.spacingHorizontalS, rowGap: tokens.spacingVerticalS, flexWrap: 'wrap' },
  grow: { flexGrow: 1, minWidth: 0 },
  note: { color: tokens.colorNeutralForeground3, ...typographyStyles.caption1 },
  details: { margin: 0, paddingLeft: tokens.spacingHorizontalL, ...typographyStyles.caption1, maxHeight: '16em', overflow: 'auto' },
  hidden: { display: 'none' },
});
