import type { Milestone } from "../../api/types";
import { MAX_MILESTONES } from "../../domain/milestones";
import { t } from "../../i18n/messages";

/** One milestone as typed in the form: text until the form is sent. */
export interface MilestoneRow {
  title: string;
  amount: string;
  due: string;
}

export function rowsOf(milestones: readonly Milestone[] | undefined): MilestoneRow[] {
  return (milestones ?? []).map((m) => ({ title: m.title, amount: String(m.amount), due: m.due ?? "" }));
}

export function milestonesOfRows(rows: readonly MilestoneRow[]): Milestone[] {
  return rows.map((r) => ({
    title: r.title.trim(),
    amount: r.amount.trim() === "" ? Number.NaN : Number(r.amount),
    due: r.due === "" ? null : r.due,
  }));
}

interface Props {
  idPrefix: string;
  rows: MilestoneRow[];
  onChange: (rows: MilestoneRow[]) => void;
}

/** The goal form's list of milestones: add, edit and remove rows. */
export function MilestoneFields({ idPrefix, rows, onChange }: Props) {
  const set = (index: number, change: Partial<MilestoneRow>) =>
    onChange(rows.map((row, i) => (i === index ? { ...row, ...change } : row)));
  const legendId = `${idPrefix}-milestones`;

  return (
    <fieldset class="milestones" aria-labelledby={legendId}>
      <legend id={legendId}>{t.milestones.legend}</legend>
      <p class="muted">{t.milestones.intro}</p>
      {rows.map((row, i) => (
        <div class="milestone-row" key={i} data-testid="milestone-row">
          <label>
            {t.milestones.name(i + 1)}
            <input
              name={`milestone-${i}-title`}
              maxLength={200}
              value={row.title}
              onInput={(e) => set(i, { title: e.currentTarget.value })}
            />
          </label>
          <div class="row">
            <label>
              {t.milestones.amount(i + 1)}
              <input
                name={`milestone-${i}-amount`}
                type="number"
                inputMode="decimal"
                min="0"
                step="any"
                value={row.amount}
                onInput={(e) => set(i, { amount: e.currentTarget.value })}
              />
            </label>
            <label>
              {t.milestones.due(i + 1)}
              <input
                name={`milestone-${i}-due`}
                type="date"
                value={row.due}
                onInput={(e) => set(i, { due: e.currentTarget.value })}
              />
            </label>
            <button
              type="button"
              class="danger"
              aria-label={t.milestones.remove(i + 1)}
              onClick={() => onChange(rows.filter((_, j) => j !== i))}
            >
              {t.milestones.removeShort}
            </button>
          </div>
        </div>
      ))}
      {rows.length < MAX_MILESTONES && (
        <button type="button" onClick={() => onChange([...rows, { title: "", amount: "", due: "" }])}>
          {t.milestones.add}
        </button>
      )}
    </fieldset>
  );
}
