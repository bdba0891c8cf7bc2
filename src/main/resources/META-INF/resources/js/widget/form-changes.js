// Whether the customer has changed a field of the page: typed into it, ticked it, chosen another option, picked a
// file. A page with such changes is not thrown away by a page push without asking first. Compares each field with
// what the page loaded it with (defaultValue, defaultChecked, defaultSelected), so a field the page filled in itself
// counts only once the customer changes it. Buttons, hidden and disabled fields, and fields marked
// data-parley-ignore never count. Pure: works on anything shaped like form fields.

const NEVER = new Set(["hidden", "submit", "button", "reset", "image"]);

/** Whether the customer changed this field since the page loaded it. */
export function fieldChanged(field) {
  if (!field || field.disabled || NEVER.has(field.type) || field.dataset?.parleyIgnore !== undefined) {
    return false;
  }
  if (field.type === "checkbox" || field.type === "radio") {
    return Boolean(field.checked) !== Boolean(field.defaultChecked);
  }
  if (field.type === "file") {
    return (field.files?.length ?? 0) > 0;
  }
  if (field.type === "select-one" || field.type === "select-multiple") {
    const options = [...(field.options ?? [])];
    // Without an option marked selected, a single choice starts on its first option.
    const starts = options.some((option) => option.defaultSelected) || field.type === "select-multiple"
      ? options.map((option) => Boolean(option.defaultSelected))
      : options.map((_, index) => index === 0);
    return options.some((option, index) => Boolean(option.selected) !== starts[index]);
  }
  return (field.value ?? "") !== (field.defaultValue ?? "");
}

/** The fields the customer changed, of those given (e.g. document.querySelectorAll("input, textarea, select")). */
export function changedFields(fields) {
  return [...fields].filter(fieldChanged);
}
