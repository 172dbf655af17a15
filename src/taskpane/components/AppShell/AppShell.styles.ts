import { makeStyles, tokens, typographyStyles } from '@fluentui/react-components';

export const useAppShellStyles = makeStyles({
  page: {
    display: 'flex',
    height: '100vh',
    columnGap: tokens.spacingHorizontalM,
    padding: tokens.spacingHorizontalM,
    boxSizing: 'border-box',
    backgroundColor: tokens.colorNeutralBackground2,
  },
  pane: {
    display: 'flex',
    flexDirection: 'column',
    flexShrink: 0,
    width: '360px',
    maxWidth: '100%',
    height: '100%',
    backgroundColor: tokens.colorNeutralBackground1,
    boxShadow: tokens.shadow4,
    borderRadius: tokens.borderRadiusMedium,
    overflow: 'hidden',
  },
  paneOnly: { width: '100%', boxShadow: 'none', borderRadius: 0 },
  header: {
    padding: `${tokens.spacingVerticalM} ${tokens.spacingHorizontalL} 0`,
    display: 'flex',
    flexDirection: 'column',
    rowGap: tokens.spacingVerticalXXS,
  },
  title: { ...typographyStyles.subtitle1 },
  subtitle: { ...typographyStyles.caption1, color: tokens.colorNeutralForeground3 },
  body: { overflowY: 'auto', padding: tokens.spacingHorizontalL, flexGrow: 1 },
  preview: { flexGrow: 1, minWidth: 0, height: '100%' },
  notice: { marginBottom: tokens.spacingVerticalM },
});
