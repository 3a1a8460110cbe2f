import { createSignal, For, Show } from "solid-js";
import { api } from "../api/client.ts";
import { errorMessageKey } from "../api/errors.ts";
import { t } from "../i18n/locale.ts";
import { createAction } from "../ui/action.ts";
import { Dialog } from "../ui/dialog.tsx";
import { notify } from "../ui/toasts.tsx";
import { importSummary, MAX_IMPORT_BYTES, outcomeKey, rowsForReview, type StatusImportReport } from "./status-import.ts";
import "./status-import-dialog.css";

/**
 * A courier's CSV of order numbers and statuses: chosen, checked by the server (a dry run, nothing
 * written), shown line by line, then applied on request; the report replaces the preview.
 */
export function StatusImportDialog(props: { open: boolean; onClose: () => void; onApplied: () => void }) {
  const [csv, setCsv] = createSignal<string | null>(null);
  const [report, setReport] = createSignal<StatusImportReport | null>(null);
  const [problem, setProblem] = createSignal<string | null>(null);
  const preview = createAction(async (text: string) => {
    setReport(await api.orders.importStatuses.mutate({ csv: text, dryRun: true }));
  });
  const apply = createAction(async () => {
    const text = csv();
    if (!text) return;
    const done = await api.orders.importStatuses.mutate({ csv: text, dryRun: false });
    setReport(done);
    setCsv(null);
    notify(t("statusImport.done", { count: done.counts.applied }));
    props.onApplied();
  });
  const error = () =>
    problem() ??
    (preview.error() !== undefined ? t(errorMessageKey(preview.error())) : null) ??
    (apply.error() !== undefined ? t(errorMessageKey(apply.error())) : null);

  async function choose(file: File | undefined) {
    setReport(null);
    setProblem(null);
    setCsv(null);
    if (!file) return;
    if (file.size > MAX_IMPORT_BYTES) return setProblem(t("statusImport.tooLarge"));
    const text = await file.text();
    setCsv(text);
    await preview.run(text);
  }

  function close() {
    setReport(null);
    setCsv(null);
    setProblem(null);
    props.onClose();
  }

  return (
    <Dialog open={props.open} onClose={close} title={t("statusImport.title")} wide>
      <div class="status-import">
        <p class="muted">{t("statusImport.help")}</p>
        <label class="field">
          <span class="field__label">{t("statusImport.file")}</span>
          <input type="file" name="statusFile" accept=".csv,.txt,text/csv,text/plain" onChange={(event) => void choose(event.currentTarget.files?.[0])} />
        </label>
        <Show when={preview.busy()}>
          <p class="muted">{t("statusImport.checking")}</p>
        </Show>
        <Show when={error()}>
          <p class="form-error" role="alert">
            {error()}
          </p>
        </Show>
        <Show when={report()}>
          {(shown) => (
            <>
              <p class="status-import__summary" aria-live="polite" data-testid="status-import-summary">
                {t(shown().dryRun ? "statusImport.preview" : "statusImport.report", importSummary(shown()))}
              </p>
              <div class="table-wrap status-import__rows">
                <table class="table">
                  <thead>
                    <tr>
                      <th scope="col">{t("statusImport.line")}</th>
                      <th scope="col">{t("statusImport.reference")}</th>
                      <th scope="col">{t("statusImport.change")}</th>
                      <th scope="col">{t("statusImport.outcome")}</th>
                    </tr>
                  </thead>
                  <tbody>
                    <For each={rowsForReview(shown())}>
                      {(row) => (
                        <tr data-outcome={row.outcome}>
                          <td class="numeric">{row.line}</td>
                          <td class="mono">{row.reference}</td>
                          <td>
                            {row.from ? t(`status.order.${row.from}`) : ""}
                            {row.from && row.status ? " → " : ""}
                            {row.status ? t(`status.order.${row.status}`) : ""}
                          </td>
                          <td>{t(outcomeKey(row, shown().dryRun))}</td>
                        </tr>
                      )}
                    </For>
                  </tbody>
                </table>
              </div>
            </>
          )}
        </Show>
        <Show when={report()?.dryRun && csv()}>
          <div class="form__actions">
            <button
              type="button"
              class="button button--primary"
              disabled={apply.busy() || (report()?.counts.applied ?? 0) === 0}
              onClick={() => void apply.run()}
              data-testid="status-import-apply"
            >
              {apply.busy() ? t("statusImport.applying") : t("statusImport.apply")}
            </button>
          </div>
        </Show>
      </div>
    </Dialog>
  );
}
