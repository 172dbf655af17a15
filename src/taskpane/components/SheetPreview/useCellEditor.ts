import * as React from 'react';
import { columnIndexToLetters } from '../../../workbook/address';
import type { PreviewCell, PreviewSheet, PreviewSource } from './SheetPreview.types';

export interface CellPos {
  row: number; // 0-based
  col: number; // 0-based
}

export interface CellEditorState {
  /** The selected cell (keyboard focus), if any. */
  active: CellPos | null;
  /** The cell being edited and its draft text. */
  editing: (CellPos & { text: string }) | null;
  /** Why the last edit was refused, naming the cell. */
  error: string | null;
  editable: boolean;
  select(pos: CellPos): void;
  startEdit(pos: CellPos, initial?: string): void;
  setDraft(text: string): void;
  /** Stores the draft and moves the selection (down after Enter, right after Tab). */
  commit(move?: 'down' | 'right' | 'none'): void;
  cancel(): void;
  /** Grid keyboard: arrows move, Enter/F2 edit, a printable key starts an edit with it, Delete clears. */
  onGridKeyDown(e: React.KeyboardEvent): void;
}

export const addressOf = (p: CellPos) => `${columnIndexToLetters(p.col)}${p.row + 1}`;

/** What the editor shows for a cell: the formula, or the stored value (not the formatted display). */
export function rawText(cell: PreviewCell | undefined): string {
  if (!cell) return '';
  if (cell.formula) return cell.formula;
  return cell.value === null ? '' : String(cell.value);
}

const NUMBER_RE = /^[-+]?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?$/;

/**
 * Typed text -> stored value, as a spreadsheet reads it: empty clears, "1,234.5" and "12%" are numbers,
 * everything else is text. Text starting with "=" stays text here: the preview is not a formula engine,
 * and a value never turns into a formula by accident.
 */
export function parseTyped(text: string): string | number | null {
  const t = text.trim();
  if (t === '') return null;
  const plain = t.replace(/,(?=\d{3}(\D|$))/g, '');
  if (NUMBER_RE.test(plain)) return Number(plain);
  if (plain.endsWith('%') && NUMBER_RE.test(plain.slice(0, -1).trim())) return Number(plain.slice(0, -1).trim()) / 100;
  return text;
}

/** Selection and in-place editing of the preview grid; edits go to the workbook as a person's edits. */
export function useCellEditor(source: PreviewSource, sheet: PreviewSheet | null, columnCount: number): CellEditorState {
  const [active, setActive] = React.useState<CellPos | null>(null);
  const [editing, setEditingState] = React.useState<(CellPos & { text: string }) | null>(null);
  // The open edit as of now, not as of the last render: Enter commits, then the input's blur on unmount
  // must find nothing left to commit.
  const editingRef = React.useRef(editing);
  const setEditing = (next: (CellPos & { text: string }) | null) => {
    editingRef.current = next;
    setEditingState(next);
  };
  const [error, setError] = React.useState<string | null>(null);
  const editable = typeof source.setCellByUser === 'function' && sheet !== null;
  const sheetName = sheet?.name ?? null;

  // Another sheet: drop the selection and any open edit.
  React.useEffect(() => {
    setActive(null);
    setEditing(null);
    setError(null);
  }, [sheetName]);

  const rows = sheet?.rows.length ?? 0;
  // The grid draws one empty row and column past the used range when editable: room to add data.
  const clamp = (p: CellPos): CellPos => ({
    row: Math.max(0, Math.min(rows, p.row)),
    col: Math.max(0, Math.min(columnCount, p.col)),
  });

  const write = (pos: CellPos, text: string): boolean => {
    if (!sheet || !source.setCellByUser) return false;
    try {
      source.setCellByUser(sheet.name, addressOf(pos), parseTyped(text));
      setError(null);
      return true;
    } catch (e) {
      setError(`${sheet.name}!${addressOf(pos)}: ${e instanceof Error ? e.message : String(e)}`);
      return false;
    }
  };

  const startEdit = (pos: CellPos, initial?: string) => {
    if (!editable) return;
    setActive(pos);
    setEditing({ ...pos, text: initial ?? rawText(sheet?.rows[pos.row]?.[pos.col]) });
  };

  return {
    active,
    editing,
    error,
    editable,
    select: (pos) => {
      setActive(pos);
      setEditing(null);
    },
    startEdit,
    setDraft: (text) => editingRef.current && setEditing({ ...editingRef.current, text }),
    commit: (move = 'none') => {
      const editing = editingRef.current;
      if (!editing) return;
      const unchanged = editing.text === rawText(sheet?.rows[editing.row]?.[editing.col]);
      if (!unchanged && !write(editing, editing.text)) return; // keep the editor open on a refused value
      setEditing(null);
      setActive(clamp({ row: editing.row + (move === 'down' ? 1 : 0), col: editing.col + (move === 'right' ? 1 : 0) }));
    },
    cancel: () => setEditing(null),
    onGridKeyDown: (e) => {
      if (!active || editing) return;
      const moves: Record<string, [number, number]> = { ArrowUp: [-1, 0], ArrowDown: [1, 0], ArrowLeft: [0, -1], ArrowRight: [0, 1] };
      const move = moves[e.key];
      if (move) {
        e.preventDefault();
        setActive(clamp({ row: active.row + move[0], col: active.col + move[1] }));
      } else if (e.key === 'Enter' || e.key === 'F2') {
        e.preventDefault();
        startEdit(active);
      } else if (e.key === 'Delete' || e.key === 'Backspace') {
        e.preventDefault();
        if (editable && rawText(sheet?.rows[active.row]?.[active.col]) !== '') write(active, '');
      } else if (e.key.length === 1 && !e.ctrlKey && !e.metaKey && !e.altKey) {
        e.preventDefault();
        startEdit(active, e.key);
      }
    },
  };
}
