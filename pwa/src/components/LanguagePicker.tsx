import { LANGUAGE_NAMES, LANGUAGES, language, type Language } from "../i18n/language";
import { t } from "../i18n/messages";

/** The three languages, each named in itself, so a reader finds theirs whatever is shown now. */
export function LanguagePicker(props: { onPick: (next: Language) => void; disabled?: boolean; labelHidden?: boolean }) {
  const { onPick, disabled = false, labelHidden = false } = props;
  return (
    <label class="language-picker">
      {/* Under a heading that already says "Language", the label is for screen readers only. */}
      <span class={labelHidden ? "sr-only" : undefined}>{t.language.label}</span>
      <select
        value={language()}
        disabled={disabled}
        onChange={(e) => onPick(e.currentTarget.value as Language)}
        data-testid="language-picker"
      >
        {LANGUAGES.map((code) => (
          <option key={code} value={code} lang={code}>
            {LANGUAGE_NAMES[code]}
          </option>
        ))}
      </select>
    </label>
  );
}
