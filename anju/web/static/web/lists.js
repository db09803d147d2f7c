// On a narrow screen a long list reads as cards, one per row, each value under the name of its
// column; the table keeps its roles, so a screen reader still reads it as a table.
for (const table of document.querySelectorAll("table.cards")) {
  const heads = table.tHead ? [...table.tHead.rows[0].cells] : [];
  const names = heads.map((cell) => cell.textContent.replace(/[▲▼]/g, "").trim());
  table.setAttribute("role", "table");
  for (const group of [table.tHead, ...table.tBodies]) {
    if (group) group.setAttribute("role", "rowgroup");
  }
  for (const row of table.rows) {
    row.setAttribute("role", "row");
    for (const cell of row.cells) {
      cell.setAttribute("role", cell.tagName === "TH" ? "columnheader" : "cell");
      if (cell.tagName === "TD" && cell.colSpan === 1 && names[cell.cellIndex]) {
        cell.dataset.label = names[cell.cellIndex];
      }
    }
  }
  table.classList.add("labelled");
}

// On a phone a list's filters fold under their name, so the list is what the screen opens on;
// they stay open while the address filters the list.
if (window.matchMedia("(max-width: 640px)").matches) {
  const paging = new Set(["page", "per", "sort", "policy"]);
  const filtered = [...new URLSearchParams(location.search)].some(
    ([key, value]) => value && !paging.has(key),
  );
  for (const form of document.querySelectorAll("form.filters[data-fold]")) {
    const fold = document.createElement("details");
    const name = document.createElement("summary");
    name.textContent = form.getAttribute("aria-label");
    fold.className = "fold";
    fold.append(name);
    form.before(fold);
    fold.append(form);
    fold.open = filtered;
  }
}
