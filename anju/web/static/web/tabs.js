// A long page in parts, one shown at a time: the links of [data-tabs] each show their part
// (section.panel) and hide the others; the address keeps the part, so a form sent from it,
// a bookmark or the back button comes back to it. Without scripts, or printed, every part shows.
(() => {
  const tabs = document.querySelector("[data-tabs]");
  if (!tabs) return;
  const links = [...tabs.querySelectorAll("a[href^='#']")];
  const panels = links.map((link) => document.getElementById(link.hash.slice(1)));
  const show = (wanted) => {
    const target = wanted && document.getElementById(wanted);
    const open = panels.find((panel) => panel && target && panel.contains(target)) || panels[0];
    panels.forEach((panel, i) => {
      if (!panel) return;
      panel.hidden = panel !== open;
      if (panel === open) links[i].setAttribute("aria-current", "true");
      else links[i].removeAttribute("aria-current");
    });
    return open;
  };
  tabs.addEventListener("click", (event) => {
    const link = event.target.closest("a[href^='#']");
    if (!link) return;
    event.preventDefault();
    history.pushState(null, "", link.hash);
    show(link.hash.slice(1));
    link.focus();
  });
  window.addEventListener("hashchange", () => show(location.hash.slice(1)));
  if (show(location.hash.slice(1)) && location.hash) {
    document.getElementById(location.hash.slice(1))?.scrollIntoView();
  }
})();
