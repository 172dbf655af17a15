import { makeStyles, shorthands, tokens, typographyStyles } from '@fluentui/react-components';

/**
 * Palette slots of the chart spec: theme tokens (light, dark), and under forced colours (Windows high
 * contrast) distinct system colours, since the high-contrast theme gives every palette token one colour.
 * Each slot class sets --rl-series; marks use it for stroke or fill.
 */
const slot = (token: string, system: string) => ({ '--rl-series': token, '@media (forced-colors: active)': { '--rl-series': system } });

const FORCED = '@media (forced-colors: active)';

export const useSlotStyles = makeStyles({
  s0: slot(tokens.colorPaletteRoyalBlueBorderActive, 'Highlight'),
  s1: slot(tokens.colorPaletteDarkOrangeBorderActive, 'LinkText'),
  s2: slot(tokens.colorPaletteForestBorderActive, 'CanvasText'),
  s3: slot(tokens.colorPaletteBerryBorderActive, 'VisitedText'),
  s4: slot(tokens.colorPaletteTealBorderActive, 'ActiveText'),
  s5: slot(tokens.colorPaletteMarigoldBorderActive, 'GrayText'),
  s6: slot(tokens.colorPaletteGrapeBorderActive, 'ButtonText'),
  s7: slot(tokens.colorPaletteSteelBorderActive, 'GrayText'),
  stroke: { stroke: 'var(--rl-series)' },
  fill: { fill: 'var(--rl-series)' },
});

export const useChartStyles = makeStyles({
  root: { margin: 0, display: 'flex', flexDirection: 'column', rowGap: tokens.spacingVerticalXS, minWidth: 0 },
  title: { ...typographyStyles.body1Strong },
  axisTitle: { ...typographyStyles.caption1, color: tokens.colorNeutralForeground3 },
  axisTitleX: { textAlign: 'center' },
  box: {
    position: 'relative',
    width: '100%',
    minWidth: 0,
    borderRadius: tokens.borderRadiusMedium,
    ':focus-visible': {
      outline: `${tokens.strokeWidthThick} solid ${tokens.colorStrokeFocus2}`,
      outlineOffset: tokens.spacingHorizontalXXS,
    },
  },
  svg: { display: 'block', overflow: 'visible', ...typographyStyles.caption2, forcedColorAdjust: 'none' },
  grid: { stroke: tokens.colorNeutralStroke2, strokeWidth: 1, [FORCED]: { stroke: 'GrayText' } },
  axis: { stroke: tokens.colorNeutralStroke1, strokeWidth: 1, [FORCED]: { stroke: 'CanvasText' } },
  tick: { fill: tokens.colorNeutralForeground3, [FORCED]: { fill: 'CanvasText' } },
  // A bar label sits on a box of the background colour, drawn over the base-case line, so the line never
  // runs through the text; the halo below keeps the glyphs clear of anything else.
  labelBackground: { fill: tokens.colorNeutralBackground1, [FORCED]: { fill: 'Canvas' } },
  rowLabel: {
    fill: tokens.colorNeutralForeground1,
    ...typographyStyles.caption1,
    paintOrder: 'stroke',
    stroke: tokens.colorNeutralBackground1,
    strokeWidth: tokens.strokeWidthThicker,
    strokeLinejoin: 'round',
    [FORCED]: { fill: 'CanvasText', stroke: 'Canvas' },
  },
  markLine: { stroke: tokens.colorNeutralForeground1, strokeWidth: 1.5, [FORCED]: { stroke: 'CanvasText' } },
  markLabel: { fill: tokens.colorNeutralForeground2, [FORCED]: { fill: 'CanvasText' } },
  markPoint: {
    fill: tokens.colorNeutralBackground1,
    stroke: tokens.colorNeutralForeground1,
    strokeWidth: 2,
    [FORCED]: { fill: 'Canvas', stroke: 'CanvasText' },
  },
  line: { fill: 'none', strokeWidth: 2, strokeLinejoin: 'round', strokeLinecap: 'round' },
  dashed: { strokeDasharray: '6 4' },
  dotted: { strokeDasharray: '2 3' },
  marker: { stroke: tokens.colorNeutralBackground1, strokeWidth: 1, [FORCED]: { stroke: 'Canvas' } },
  bandOuter: { fillOpacity: 0.18, stroke: 'none' },
  bandInner: { fillOpacity: 0.38, stroke: 'none' },
  focusRing: { fill: 'none', stroke: tokens.colorNeutralForeground1, strokeWidth: 2, [FORCED]: { stroke: 'Highlight' } },
  tooltip: {
    position: 'absolute',
    zIndex: 1,
    pointerEvents: 'none',
    maxWidth: '16rem',
    padding: `${tokens.spacingVerticalXS} ${tokens.spacingHorizontalS}`,
    backgroundColor: tokens.colorNeutralBackground1,
    color: tokens.colorNeutralForeground1,
    boxShadow: tokens.shadow8,
    [FORCED]: { backgroundColor: 'Canvas', color: 'CanvasText', ...shorthands.borderColor('CanvasText') },
    ...shorthands.border(tokens.strokeWidthThin, 'solid', tokens.colorNeutralStroke1),
    borderRadius: tokens.borderRadiusMedium,
    ...typographyStyles.caption1,
  },
  tooltipFirst: { ...typographyStyles.caption1Strong },
  legend: {
    listStyleType: 'none',
    margin: 0,
    padding: 0,
    display: 'flex',
    flexWrap: 'wrap',
    columnGap: tokens.spacingHorizontalM,
    rowGap: tokens.spacingVerticalXXS,
    ...typographyStyles.caption1,
  },
  legendItem: { display: 'inline-flex', alignItems: 'center', columnGap: tokens.spacingHorizontalXS },
  swatch: { width: '1.25rem', height: '0.75rem', flexShrink: 0 },
  visuallyHidden: {
    position: 'absolute',
    width: '1px',
    height: '1px',
    margin: '-1px',
    padding: 0,
    overflow: 'hidden',
    clip: 'rect(0 0 0 0)',
    whiteSpace: 'nowrap',
    border: 0,
  },
  hint: { ...typographyStyles.caption2, color: tokens.colorNeutralForeground3 },
});
