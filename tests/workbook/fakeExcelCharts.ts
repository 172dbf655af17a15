/**
 * Charts in the fake Office.js model (Excel.ChartCollection, Chart, ChartSeriesCollection, ChartSeries):
 * enough to test that the adapter creates a chart once, finds it again by name, updates it in place and
 * points its series at the right cells. Rules followed (Microsoft Learn, @types/office-js):
 * - `charts.add(type, sourceData, seriesBy)` (ExcelApi 1.1) makes one series per column ("Columns") or
 *   row of the source range, named "Series1", "Series2"...; the chart is named "Chart N";
 * - `getItem(name)` / `getItemOrNullObject(name)` (1.4) return the FIRST chart of that name: Excel lets
 *   several charts share a name, so duplicates are possible and the fake keeps them;
 * - series `add`, `delete`, `setValues`, `setXAxisValues`, `markerStyle`, `format.line.lineStyle` (1.7);
 *   `Chart.name`, titles, axis minimum/maximum, legend, `setPosition`, fills and line colours (1.1);
 * - a chart stays when the cells under it or its source cells are cleared (it floats over the sheet);
 *   deleting the sheet deletes its charts.
 * Not modelled: drawing, autoscaling, chart events, reference shifting on row inserts.
 */
import { parseRange, type RangeRef } from '../../src/workbook/address';
import { OfficeError, type FakeContext, type FakeSheet, type Raw } from './fakeExcel';
import { FakeProxy, propList } from './fakeExcelProxy';
import type { FakeRange } from './fakeExcelRange';

export interface FakeRef {
  sheetId: string;
  box: RangeRef;
}
export interface FakeChartSeries {
  name: string;
  values: FakeRef | null;
  xValues: FakeRef | null;
  lineStyle?: string;
  lineColor?: string;
  markerStyle?: string;
  fill?: string;
}
export interface FakeChart {
  id: string;
  name: string;
  type: string;
  title: string;
  categoryTitle: string;
  valueTitle: string;
  valueMin?: number;
  valueMax?: number;
  reverseCategories: boolean;
  legend: { visible: boolean; position: string };
  position: string;
  series: FakeChartSeries[];
}

const TYPES = [
  'Line',
  'LineMarkers',
  'BarStacked',
  'BarClustered',
  'ColumnClustered',
  'ColumnStacked',
  'XYScatterLines',
  'Area',
  'AreaStacked',
];

function refOf(range: FakeRange): FakeRef {
  const at = range.must();
  return { sheetId: at.sheet.id, box: at.box };
}

const chartsOf = (sheet: FakeSheet): FakeChart[] => (sheet.charts ??= []);

export class FakeCharts extends FakeProxy {
  constructor(
    ctx: FakeContext,
    private readonly sheet: () => FakeSheet | null,
  ) {
    super(ctx);
  }
  private must(): FakeSheet {
    const s = this.sheet();
    if (!s) throw new OfficeError('ItemNotFound', "The requested worksheet doesn't exist.");
    return s;
  }
  get items(): FakeChartProxy[] {
    return this.get('items');
  }
  get count(): number {
    return this.get('count');
  }
  load(props?: string | string[]): this {
    const paths = propList(props, ['name']).map((p) => p.replace(/^items\//, ''));
    this.ctx.enqueue(`load charts ${paths.join(',')}`, (tx) => {
      const s = this.sheet();
      if (!s) throw new OfficeError('ItemNotFound', "The requested worksheet doesn't exist.");
      const list = [...chartsOf(s)];
      tx.responseBytes += Buffer.byteLength(JSON.stringify(list.map((c) => c.name)));
      tx.commits.push(() => {
        this.loaded.set('count', list.length);
        this.loaded.set(
          'items',
          list.map((c) => new FakeChartProxy(this.ctx, () => c).preset({ name: c.name })),
        );
      });
    });
    return this;
  }
  add(type: string, sourceData: FakeRange, seriesBy: string = 'Auto'): FakeChartProxy {
    let created: FakeChart | null = null;
    this.ctx.enqueue(
      `add chart ${type}`,
      (tx) => {
        const s = this.must();
        if (!TYPES.includes(type)) throw new OfficeError('InvalidArgument', `"${type}" is not a chart type the fake knows`);
        const src = refOf(sourceData);
        if (src.sheetId !== s.id) throw new OfficeError('InvalidArgument', "The source data must be on the chart's sheet (fake).");
        const byRows = seriesBy === 'Rows';
        const n = byRows ? src.box.bottom - src.box.top + 1 : src.box.right - src.box.left + 1;
        const series: FakeChartSeries[] = Array.from({ length: n }, (_, i) => ({
          name: `Series${i + 1}`,
          values: {
            sheetId: s.id,
            box: byRows
              ? { ...src.box, top: src.box.top + i, bottom: src.box.top + i }
              : { ...src.box, left: src.box.left + i, right: src.box.left + i },
          },
          xValues: null,
        }));
        const all = this.ctx.excel.sheets.flatMap((x) => x.charts ?? []);
        created = {
          id: this.ctx.excel.newId('chart'),
          name: `Chart ${all.length + 1}`,
          type,
          title: '',
          categoryTitle: '',
          valueTitle: '',
          reverseCategories: false,
          legend: { visible: true, position: 'Right' },
          position: '',
          series,
        };
        chartsOf(s).push(created);
        tx.mutated = true;
      },
      [type, seriesBy],
    );
    return new FakeChartProxy(this.ctx, () => created);
  }
  private find(name: string): FakeChart | null {
    const s = this.sheet();
    return s ? (chartsOf(s).find((c) => c.name.toLowerCase() === name.toLowerCase()) ?? null) : null;
  }
  getItem(name: string): FakeChartProxy {
    return new FakeChartProxy(this.ctx, () => {
      const c = this.find(name);
      if (!c) throw new OfficeError('ItemNotFound', `The requested chart "${name}" doesn't exist.`);
      return c;
    });
  }
  getItemOrNullObject(name: string): FakeChartProxy {
    return new FakeChartProxy(this.ctx, () => {
      if (!this.sheet() && this.ctx.excel.options.refuseNullChains)
        throw new OfficeError('InvalidObjectPath', 'The object path is not valid (its parent is a null object).');
      return this.find(name);
    });
  }
}

type Setter = (c: FakeChart) => void;

export class FakeChartProxy extends FakeProxy {
  series: FakeSeriesCollection;
  title: { text: string };
  legend: { visible: boolean; position: string };
  axes: {
    categoryAxis: { title: { text: string }; reversePlotOrder: boolean };
    valueAxis: { title: { text: string }; minimum: number; maximum: number };
  };
  constructor(
    ctx: FakeContext,
    private readonly resolve: () => FakeChart | null,
  ) {
    super(ctx);
    this.series = new FakeSeriesCollection(ctx, () => this.resolve());
    const setter = (what: string, f: (c: FakeChart, v: unknown) => void) => (v: unknown) => this.set(what, (c) => f(c, v), v);
    const prop = <T extends object>(target: T, props: Record<string, (v: unknown) => void>): T => {
      for (const [k, set] of Object.entries(props))
        Object.defineProperty(target, k, {
          set,
          get: () => {
            throw new OfficeError('PropertyNotLoaded', `fake: ${k} is write-only`);
          },
        });
      return target;
    };
    this.title = prop({} as { text: string }, {
      text: setter('title', (c, v) => {
        c.title = String(v);
      }),
    });
    this.legend = prop({} as { visible: boolean; position: string }, {
      visible: setter('legend visible', (c, v) => {
        c.legend.visible = v === true;
      }),
      position: setter('legend position', (c, v) => {
        if (!['Top', 'Bottom', 'Left', 'Right', 'Corner'].includes(String(v)))
          throw new OfficeError('InvalidArgument', `legend position "${String(v)}"`);
        c.legend.position = String(v);
      }),
    });
    this.axes = {
      categoryAxis: prop(
        {
          title: prop({} as { text: string }, {
            text: setter('category axis title', (c, v) => {
              c.categoryTitle = String(v);
            }),
          }),
        } as { title: { text: string }; reversePlotOrder: boolean },
        {
          reversePlotOrder: setter('reverse categories', (c, v) => {
            c.reverseCategories = v === true;
          }),
        },
      ),
      valueAxis: prop(
        {
          title: prop({} as { text: string }, {
            text: setter('value axis title', (c, v) => {
              c.valueTitle = String(v);
            }),
          }),
        } as { title: { text: string }; minimum: number; maximum: number },
        {
          minimum: setter('value axis minimum', (c, v) => {
            c.valueMin = Number(v);
          }),
          maximum: setter('value axis maximum', (c, v) => {
            c.valueMax = Number(v);
          }),
        },
      ),
    };
  }
  chart(): FakeChart {
    const c = this.resolve();
    if (!c) throw new OfficeError('ItemNotFound', "The requested chart doesn't exist (null object).");
    return c;
  }
  private set(what: string, f: Setter, payload?: unknown): void {
    this.ctx.enqueue(
      `chart ${what}`,
      (tx) => {
        f(this.chart());
        tx.mutated = true;
      },
      payload,
    );
  }
  get name(): string {
    return this.get('name');
  }
  set name(v: string) {
    this.set(
      'name',
      (c) => {
        c.name = v;
      },
      v,
    );
  }
  load(props?: string | string[]): this {
    this.queueLoad(propList(props, ['name']), (ps) => {
      const c = this.resolve();
      if (!c) return null;
      return Object.fromEntries(
        ps.map((p) => {
          if (p === 'name') return [p, c.name];
          throw new OfficeError('InvalidArgument', `fake chart cannot load "${p}"`);
        }),
      );
    });
    return this;
  }
  setPosition(start: string, end?: string): void {
    this.set(
      'position',
      (c) => {
        if (!parseRange(start) || (end !== undefined && !parseRange(end)))
          throw new OfficeError('InvalidArgument', `bad chart position ${start}:${end}`);
        c.position = end ? `${start}:${end}` : start;
      },
      [start, end],
    );
  }
  delete(): void {
    this.ctx.enqueue('delete chart', (tx) => {
      const c = this.chart();
      for (const s of this.ctx.excel.sheets) if (s.charts) s.charts = s.charts.filter((x) => x !== c);
      tx.mutated = true;
    });
  }
}

export class FakeSeriesCollection extends FakeProxy {
  constructor(
    ctx: FakeContext,
    private readonly chart: () => FakeChart | null,
  ) {
    super(ctx);
  }
  get items(): FakeSeriesProxy[] {
    return this.get('items');
  }
  get count(): number {
    return this.get('count');
  }
  load(props?: string | string[]): this {
    propList(props, ['name']);
    this.ctx.enqueue('load series', (tx) => {
      const c = this.chart();
      const list = c ? [...c.series] : null;
      tx.responseBytes += Buffer.byteLength(JSON.stringify(list?.map((s) => s.name) ?? null));
      tx.commits.push(() => {
        this.loaded.set('isNullObject', list === null);
        if (list) {
          this.loaded.set('count', list.length);
          this.loaded.set(
            'items',
            list.map((s) => new FakeSeriesProxy(this.ctx, () => s).preset({ name: s.name })),
          );
        }
      });
    });
    return this;
  }
  getItemAt(index: number): FakeSeriesProxy {
    return new FakeSeriesProxy(this.ctx, () => {
      const c = this.chart();
      const s = c?.series[index];
      if (!s) throw new OfficeError('InvalidArgument', `The chart has no series ${index}.`);
      return s;
    });
  }
  add(name?: string, index?: number): FakeSeriesProxy {
    let created: FakeChartSeries | null = null;
    this.ctx.enqueue(
      'add series',
      (tx) => {
        const c = this.chart();
        if (!c) throw new OfficeError('ItemNotFound', "The requested chart doesn't exist (null object).");
        created = { name: name ?? `Series${c.series.length + 1}`, values: null, xValues: null };
        c.series.splice(index ?? c.series.length, 0, created);
        tx.mutated = true;
      },
      name,
    );
    return new FakeSeriesProxy(this.ctx, () => created);
  }
}

export class FakeSeriesProxy extends FakeProxy {
  format: { line: { lineStyle: string; color: string }; fill: { setSolidColor(color: string): void; clear(): void } };
  constructor(
    ctx: FakeContext,
    private readonly resolve: () => FakeChartSeries | null,
  ) {
    super(ctx);
    const line = {} as { lineStyle: string; color: string };
    Object.defineProperty(line, 'lineStyle', {
      set: (v: string) =>
        this.set(
          'line style',
          (s) => {
            if (!['None', 'Continuous', 'Dash', 'DashDot', 'DashDotDot', 'Dot', 'Automatic', 'RoundDot'].includes(v))
              throw new OfficeError('InvalidArgument', `line style "${v}"`);
            s.lineStyle = v;
          },
          v,
        ),
    });
    Object.defineProperty(line, 'color', {
      set: (v: string) =>
        this.set(
          'line color',
          (s) => {
            s.lineColor = v;
          },
          v,
        ),
    });
    this.format = {
      line,
      fill: {
        setSolidColor: (color: string) =>
          this.set(
            'fill',
            (s) => {
              s.fill = color;
            },
            color,
          ),
        clear: () =>
          this.set('no fill', (s) => {
            s.fill = 'none';
          }),
      },
    };
  }
  private series(): FakeChartSeries {
    const s = this.resolve();
    if (!s) throw new OfficeError('ItemNotFound', "The requested series doesn't exist.");
    return s;
  }
  private set(what: string, f: (s: FakeChartSeries) => void, payload?: unknown): void {
    this.ctx.enqueue(
      `series ${what}`,
      (tx) => {
        f(this.series());
        tx.mutated = true;
      },
      payload,
    );
  }
  get name(): string {
    return this.get('name');
  }
  set name(v: string) {
    this.set(
      'name',
      (s) => {
        s.name = v;
      },
      v,
    );
  }
  set markerStyle(v: string) {
    this.set(
      'markers',
      (s) => {
        if (
          ![
            'None',
            'Automatic',
            'Circle',
            'Square',
            'Diamond',
            'Triangle',
            'X',
            'Star',
            'Dot',
            'Dash',
            'Plus',
            'Picture',
            'Invalid',
          ].includes(v)
        )
          throw new OfficeError('InvalidArgument', `marker style "${v}"`);
        s.markerStyle = v;
      },
      v,
    );
  }
  setValues(range: FakeRange): void {
    this.set('values', (s) => {
      s.values = refOf(range);
    });
  }
  setXAxisValues(range: FakeRange): void {
    this.set('x values', (s) => {
      s.xValues = refOf(range);
    });
  }
  delete(): void {
    this.ctx.enqueue('delete series', (tx) => {
      const s = this.series();
      for (const sheet of this.ctx.excel.sheets) for (const c of sheet.charts ?? []) c.series = c.series.filter((x) => x !== s);
      tx.mutated = true;
    });
  }
}

/** What a series shows: the values of the cells it points at (what Excel would plot). */
export function seriesData(
  ctx: { sheetById(id: string): FakeSheet | undefined; valueAt(sheet: FakeSheet, r: number, c: number): Raw },
  ref: FakeRef | null,
): (Raw | null)[] {
  if (!ref) return [];
  const sheet = ctx.sheetById(ref.sheetId);
  if (!sheet) return [];
  const out: (Raw | null)[] = [];
  for (let r = ref.box.top; r <= ref.box.bottom; r++) {
    for (let c = ref.box.left; c <= ref.box.right; c++) {
      const v = ctx.valueAt(sheet, r, c);
      out.push(v === undefined || v === '' ? null : v);
    }
  }
  return out;
}
