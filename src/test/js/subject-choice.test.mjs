import { test } from "node:test";
import assert from "node:assert/strict";

import { subjectChoice } from "../../main/resources/META-INF/resources/js/widget/subject-choice.js";

const sales = { subjects: { pricing: {}, "order-status": {} } };
const callback = { subjects: { outage: {} } };

test("the page's subject starts the page's own service's chat without a picker", () => {
  assert.deepEqual(subjectChoice({ service: sales, serviceId: "sales", pageServiceId: "sales", tagSubject: "pricing" }),
    { fixed: "pricing", options: [], preselected: null });
});

test("another service's list never starts from the page's subject, nor offers it", () => {
  const choice = subjectChoice({ service: callback, serviceId: "callback", pageServiceId: "sales",
    tagSubject: "pricing" });
  assert.equal(choice.fixed, null);
  assert.deepEqual(choice.options, ["outage"]);
  assert.equal(choice.preselected, "outage", "one of its own subjects");
});

test("a tag subject the service does not have is ignored: the customer picks from the service's own", () => {
  const choice = subjectChoice({ service: sales, serviceId: "sales", pageServiceId: "sales", tagSubject: "outage" });
  assert.equal(choice.fixed, null);
  assert.deepEqual(choice.options, ["pricing", "order-status"]);
});

test("a service without subjects asks for none", () => {
  assert.deepEqual(subjectChoice({ service: { subjects: {} }, serviceId: "s", pageServiceId: "s" }),
    { fixed: null, options: [], preselected: null });
});
