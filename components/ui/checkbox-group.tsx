"use client";

/** Several choices of one field as checkboxes under a legend, with the field's error under them. */
export function CheckboxGroup<V extends string>({
  id,
  legend,
  options,
  labels,
  value,
  onChange,
  error,
}: {
  id: string;
  legend: string;
  options: readonly V[];
  labels: Record<V, string>;
  value: readonly V[];
  onChange: (value: V[]) => void;
  error?: string;
}) {
  const errorId = `${id}-error`;
  return (
    <fieldset className="flex flex-wrap gap-x-4 gap-y-1" aria-describedby={error ? errorId : undefined}>
      <legend className="mb-1 text-sm font-medium">{legend}</legend>
      {options.map((option) => (
        <label key={option} className="flex items-center gap-1.5 text-sm">
          <input
            type="checkbox"
            checked={value.includes(option)}
            onChange={() => onChange(value.includes(option) ? value.filter((v) => v !== option) : [...value, option])}
          />
          {labels[option]}
        </label>
      ))}
      {error ? (
        <p id={errorId} role="alert" className="w-full text-sm text-destructive">
          {error}
        </p>
      ) : null}
    </fieldset>
  );
}
