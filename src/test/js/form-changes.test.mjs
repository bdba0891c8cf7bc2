import { test } from "node:test";
import assert from "node:assert/strict";

import { changedFields, fieldChanged } from "../../main/resources/META-INF/resources/js/widget/form-changes.js";

const text = (value, defaultValue = "") => ({ type: "text", value, defaultValue });

test("a field the customer typed into is changed; one as the page loaded it is not", () => {
  assert.equal(fieldChanged(text("Baker Street 221b")), true);
  assert.equal(fieldChanged(text("")), false);
  assert.equal(fieldChanged(text("Prefilled", "Prefilled")), false, "the page's own value is no change");
  assert.equal(fieldChanged({ type: "textarea", value: "Please ring twice", defaultValue: "" }), true);
  assert.equal(fieldChanged(text("", "Prefilled")), true, "clearing a prefilled field is a change too");
});

test("ticks, choices and files count once they differ from how the page loaded them", () => {
  assert.equal(fieldChanged({ type: "checkbox", checked: true, defaultChecked: false }), true);
  assert.equal(fieldChanged({ type: "radio", checked: true, defaultChecked: true }), false);
  const options = (...selected) => selected.map((s, i) => ({ selected: s, defaultSelected: i === 2 }));
  assert.equal(fieldChanged({ type: "select-one", options: options(false, false, true) }), false);
  assert.equal(fieldChanged({ type: "select-one", options: options(true, false, false) }), true);
  const plain = (...selected) => selected.map((s) => ({ selected: s, defaultSelected: false }));
  assert.equal(fieldChanged({ type: "select-one", options: plain(true, false) }), false,
    "a choice without a preselected option starts on its first");
  assert.equal(fieldChanged({ type: "select-one", options: plain(false, true) }), true);
  assert.equal(fieldChanged({ type: "select-multiple", options: plain(false, false) }), false);
  assert.equal(fieldChanged({ type: "file", files: [{ name: "receipt.pdf" }] }), true);
  assert.equal(fieldChanged({ type: "file", files: [] }), false);
});

test("buttons, hidden, disabled and ignored fields never count", () => {
  assert.equal(fieldChanged({ type: "hidden", value: "token", defaultValue: "" }), false);
  assert.equal(fieldChanged({ type: "submit", value: "Send", defaultValue: "" }), false);
  assert.equal(fieldChanged({ ...text("typed"), disabled: true }), false);
  assert.equal(fieldChanged({ ...text("typed"), dataset: { parleyIgnore: "" } }), false);
  assert.equal(fieldChanged(null), false);
});

test("the changed fields of a page are those the customer changed", () => {
  const name = text("Ada");
  assert.deepEqual(changedFields([text(""), name, { type: "hidden", value: "x" }]), [name]);
  assert.deepEqual(changedFields([]), []);
});
