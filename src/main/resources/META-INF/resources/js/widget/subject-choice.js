// Which subjects the widget's picker offers, and which one it starts from. Pure (Node-tested).
// The tag's data-subject is a subject of the page's own service: it never goes to a conversation with another
// service (one the customer followed an agent here from), nor is it taken when that service has no such subject.

/**
 * `service` is the service the next chat is with (its `subjects` by id), `serviceId` its id; `pageServiceId` and
 * `tagSubject` what the page's tag names. Gives `fixed` (the subject to start with, no picker) or `options` (the
 * subject ids to pick from) and `preselected` (one of them, or null).
 */
export function subjectChoice({ service, serviceId, pageServiceId, tagSubject }) {
  const subjects = Object.keys(service?.subjects || {});
  const fixed = tagSubject && serviceId === pageServiceId && subjects.includes(tagSubject) ? tagSubject : null;
  if (fixed || subjects.length === 0) {
    return { fixed, options: [], preselected: null };
  }
  return { fixed: null, options: subjects, preselected: subjects[0] };
}
