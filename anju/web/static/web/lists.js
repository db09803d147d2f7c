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
