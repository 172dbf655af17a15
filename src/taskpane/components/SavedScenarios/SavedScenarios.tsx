import * as React from 'react';
import {
  Button,
  Checkbox,
  Field,
  Input,
  Menu,
  MenuItem,
  MenuList,
  MenuPopover,
  MenuTrigger,
  MessageBar,
  MessageBarBody,
  Select,
  Subtitle2,
} from '@fluentui/react-components';
import { plural } from '../../../app/units';
import { PRESETS } from '../../../model/presets';
import { useScrollIntoView } from '../../useScrollIntoView';
import { LazyChart } from '../Chart/LazyChart';
import type { SavedScenariosProps } from './SavedScenarios.types';
import { useSavedScenarios } from './useSavedScenarios';
import { useSavedScenariosStyles } from './SavedScenarios.styles';

/** Scenarios kept in the workbook: save, load, rename, duplicate, delete, and compare (sheet and chart). */
export const SavedScenarios = React.memo(function SavedScenarios(props: SavedScenariosProps): React.ReactElement {
  const styles = useSavedScenariosStyles();
  const s = useSavedScenarios(props);
  const reportRef = useScrollIntoView(s.report);
  const presetLabel = (id: string) => PRESETS.find((p) => p.id === id)?.label ?? id;
  return (
    <section aria-label="Saved scenarios" className={styles.root}>
      <Subtitle2>Saved scenarios</Subtitle2>
      <div className={styles.row}>
        <Field label="Save the current inputs as" className={styles.grow}>
          <Input value={s.name} onChange={(_, d) => s.setName(d.value)} onKeyDown={(e) => e.key === 'Enter' && void s.save()} />
        </Field>
        <Button disabled={s.saveBlocked !== null || s.busy} onClick={() => void s.save()} aria-describedby="save-scenario-hint">
          Save
        </Button>
      </div>
      {s.saveBlocked && (
        <span id="save-scenario-hint" className={styles.hint}>
          {s.saveBlocked}
        </span>
      )}
      {s.list.length > 0 && (
        <ul className={styles.list} aria-label="Scenarios in this workbook">
          {s.list.map((sc) => {
            const changes = Object.keys(sc.overrides).length;
            const current = props.loadedName === sc.name;
            return (
              <li key={sc.name} className={styles.item} data-scenario={sc.name}>
                {s.renaming?.from === sc.name ? (
                  <div className={styles.confirm}>
                    <Input
                      className={styles.grow}
                      aria-label={`New name for ${sc.name}`}
                      value={s.renaming.to}
                      onChange={(_, d) => s.setRenameTo(d.value)}
                      onKeyDown={(e) => {
                        if (e.key === 'Enter') void s.commitRename();
                        if (e.key === 'Escape') s.cancelRename();
                      }}
                      autoFocus
                    />
                    <Button size="small" appearance="primary" onClick={() => void s.commitRename()} disabled={s.renaming.to.trim() === ''}>
                      Rename
                    </Button>
                    <Button size="small" onClick={s.cancelRename}>
                      Cancel
                    </Button>
                  </div>
                ) : s.deleting === sc.name ? (
                  <div className={styles.confirm} role="group" aria-label={`Delete ${sc.name}?`}>
                    <span className={styles.grow}>Delete &ldquo;{sc.name}&rdquo;?</span>
                    <Button size="small" appearance="primary" onClick={() => void s.confirmDelete()}>
                      Delete
                    </Button>
                    <Button size="small" onClick={s.cancelDelete}>
                      Keep
                    </Button>
                  </div>
                ) : (
                  <>
                    <Checkbox
                      className={styles.itemName}
                      checked={s.picked.includes(sc.name)}
                      onChange={(_, d) => s.togglePick(sc.name, Boolean(d.checked))}
                      label={
                        <>
                          {sc.name} {current && <span className={styles.current}>(loaded)</span>}
                          <span className={styles.itemMeta}>
                            {presetLabel(sc.preset)}, {changes === 0 ? 'no changes' : plural(changes, 'change')}
                          </span>
                        </>
                      }
                    />
                    <span className={styles.itemActions}>
                      <Button size="small" className={styles.compact} onClick={() => s.load(sc.name)} aria-label={`Load ${sc.name}`}>
                        Load
                      </Button>
                      <Menu>
                        <MenuTrigger disableButtonEnhancement>
                          <Button size="small" appearance="subtle" className={styles.compact} aria-label={`More actions for ${sc.name}`}>
                            •••
                          </Button>
                        </MenuTrigger>
                        <MenuPopover>
                          <MenuList>
                            <MenuItem onClick={() => s.startRename(sc.name)}>Rename…</MenuItem>
                            <MenuItem onClick={() => void s.duplicate(sc.name)}>Duplicate</MenuItem>
                            <MenuItem onClick={() => s.askDelete(sc.name)}>Delete…</MenuItem>
                          </MenuList>
                        </MenuPopover>
                      </Menu>
                    </span>
                  </>
                )}
              </li>
            );
          })}
        </ul>
      )}
      {s.list.length > 0 && (
        <>
          <Button disabled={s.compareBlocked !== null || s.busy} onClick={() => void s.compare()} aria-describedby="compare-hint">
            Compare side by side
          </Button>
          {s.compareBlocked && (
            <span id="compare-hint" className={styles.hint}>
              {s.compareBlocked}
            </span>
          )}
        </>
      )}
      {s.report && (
        <MessageBar ref={reportRef} intent={s.report.ok ? 'success' : 'error'} role="status">
          <MessageBarBody>{s.report.message}</MessageBarBody>
        </MessageBar>
      )}
      {s.comparison && s.compareSpec && (
        <>
          <Field label="Output to compare">
            <Select className={styles.select} value={s.compareOutput} onChange={(_, d) => s.setCompareOutput(d.value)}>
              {s.comparison.outputs.map((o) => (
                <option key={o.id} value={o.id}>
                  {o.label}
                </option>
              ))}
            </Select>
          </Field>
          <LazyChart spec={s.compareSpec} />
        </>
      )}
    </section>
  );
});
