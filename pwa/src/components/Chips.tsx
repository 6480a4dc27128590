/** A choice of a few options as large tap targets: radio buttons drawn as chips that wrap. */
export interface ChipOption<T> {
  value: T;
  label: string;
}

export function Chips<T extends string | number>(props: {
  legend: string;
  name: string;
  options: readonly ChipOption<T>[];
  value: T | null;
  onChange: (value: T) => void;
}) {
  return (
    <fieldset class="chips">
      <legend>{props.legend}</legend>
      {props.options.map((o) => (
        <label key={String(o.value)} class={o.value === props.value ? "chosen" : undefined}>
          <input
            type="radio"
            name={props.name}
            value={String(o.value)}
            checked={o.value === props.value}
            onChange={() => props.onChange(o.value)}
          />
          {o.label}
        </label>
      ))}
    </fieldset>
  );
}
