import { makeStyles, tokens, typographyStyles } from '@fluentui/react-components';

export const useSensitivityPanelStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', rowGap: tokens.spacingVerticalM, minWidth: 0 },
  row: { display: 'flex', flexWrap: 'wrap', alignItems: 'flex-end', columnGap: tokens.spacingHorizontalS, rowGap: tokens.spacingVerticalS },
  year: { width: '6em' },
  grow: { flexGrow: 1, minWidth: 0 },
  note: { color: tokens.colorNeutralForeground3, ...typographyStyles.caption1 },
});
