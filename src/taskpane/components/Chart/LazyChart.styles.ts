import { makeStyles, tokens, typographyStyles } from '@fluentui/react-components';

export const useLazyChartStyles = makeStyles({
  placeholder: {
    minHeight: '14rem',
    display: 'flex',
    alignItems: 'center',
    justifyContent: 'center',
    color: tokens.colorNeutralForeground3,
    backgroundColor: tokens.colorNeutralBackground2,
    borderRadius: tokens.borderRadiusMedium,
    ...typographyStyles.caption1,
  },
});
