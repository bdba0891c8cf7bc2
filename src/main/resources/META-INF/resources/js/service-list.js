// Lists the services of this Parley server from GET /api/services. Text only: nothing from the API
// is ever inserted as HTML.
const list = document.getElementById("services");
const status = document.getElementById("services-status");

function describe(service) {
  const item = document.createElement("li");
  const title = document.createElement("strong");
  title.textContent = `${service.name} (${service.id})`;
  const meta = document.createElement("div");
  meta.className = "meta";
  const subjects = Object.keys(service.subjects);
  meta.textContent = [
    `behaviour: ${service.behaviour}`,
    `media: ${service.media.join(", ")}`,
    subjects.length ? `subjects: ${subjects.join(", ")}` : "no subjects",
  ].join(" · ");
  item.append(title, meta);
  return item;
}

try {
  const response = await fetch("/api/services", { headers: { Accept: "application/json" } });
  if (!response.ok) {
    throw new Error(`HTTP ${response.status}`);
  }
  const services = await response.json();
  list.replaceChildren(...services.map(describe));
  status.textContent = services.length ? `${services.length} services` : "No services are configured.";
} catch (error) {
  status.textContent = `Could not load the services: ${error.message}`;
}
