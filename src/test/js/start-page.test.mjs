import { test } from "node:test";
import assert from "node:assert/strict";

import { startPage } from "../../main/resources/META-INF/resources/js/widget/start-page.js";

test("an http(s) page is sent with its title", () => {
  assert.deepEqual(startPage("https://shop.example/grinders?x=1", "Grinders"),
    { url: "https://shop.example/grinders?x=1", title: "Grinders" });
  assert.deepEqual(startPage("http://localhost:8080/demo/", ""), { url: "http://localhost:8080/demo/" });
});

test("what the server would refuse is not sent, so the chat still starts", () => {
  assert.equal(startPage("file:///home/ann/page.html", "x"), undefined);
  assert.equal(startPage("https://shop.example/" + "a".repeat(2100), "x"), undefined);
  assert.equal(startPage(undefined, "x"), undefined);
});

test("a title is one line and at most 200 characters", () => {
  const page = startPage("https://shop.example/", "Line one\nline two\u0000" + "é".repeat(300));
  assert.equal(page.title.startsWith("Line one line two "), true);
  assert.equal([...page.title].length, 200);
});
