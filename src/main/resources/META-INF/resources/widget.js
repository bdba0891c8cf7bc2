// Parley's embeddable widget. Include it on any page with one tag:
//   <script src="https://parley.example.com/widget.js" data-service="sales" async></script>
// It finds its own server from its src and loads the widget's modules from there.
(function () {
  var script = document.currentScript;
  // A page shown as a preview inside the CSR console (an iframe named parley-preview) gets no widget.
  if (!script || window.parleyWidgetLoaded || window.name === "parley-preview") {
    return;
  }
  window.parleyWidgetLoaded = true;
  var base = new URL(".", script.src).toString();
  var service = script.getAttribute("data-service");
  import(base + "js/widget/parley-widget.js")
    .then(function (widget) {
      widget.mount({
        base: base,
        service: service,
        label: script.getAttribute("data-label"),
        subject: script.getAttribute("data-subject"),
      });
    })
    .catch(function (error) {
      console.error("Parley widget could not load", error);
    });
})();
