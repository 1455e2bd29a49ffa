// The chart of a /chart page: reads the page's own JSON endpoint (the canvas's data-api) and
// draws targets (and actuals, when the archive has them) by fiscal year, one line per
// municipality and kind. Chart.js is served by gyosei from the local install (tools/setup).
(function () {
  const canvas = document.getElementById('chart');
  const status = document.getElementById('chart-status');
  if (!canvas) return;
  if (typeof Chart === 'undefined') {
    status.textContent = 'Chart library not installed: run tools/setup (the tables below have the values).';
    return;
  }
  const palette = ['#1f4e79', '#c0504d', '#4f8a3c', '#d08c1f', '#6b4c9a', '#2a9d8f', '#8c564b', '#e377c2'];
  fetch(canvas.dataset.api).then((r) => r.json()).then((data) => {
    const years = new Set();
    const series = new Map();  // "municipality kind" -> {label, points: Map(year -> value)}
    const add = (rows, kind) => rows.forEach((row) => {
      if (row.fiscal_year == null || row.value == null) return;
      years.add(row.fiscal_year);
      const key = (row.municipality_name || row.municipality_code || '?') + ' ' + kind;
      if (!series.has(key)) series.set(key, { label: key, kind: kind, points: new Map() });
      series.get(key).points.set(row.fiscal_year, row.value);
    });
    add(data.targets || [], '目標');
    add(data.actuals || [], '実績');
    const labels = Array.from(years).sort((a, b) => a - b);
    let i = 0;
    const datasets = Array.from(series.values()).map((s) => {
      const color = palette[i++ % palette.length];
      return {
        label: s.label,
        data: labels.map((y) => (s.points.has(y) ? s.points.get(y) : null)),
        borderColor: color,
        backgroundColor: color,
        borderDash: s.kind === '目標' ? [6, 4] : [],
        spanGaps: true,
      };
    });
    new Chart(canvas, {
      type: 'line',
      data: { labels: labels, datasets: datasets },
      options: { animation: false, maintainAspectRatio: false,
                 scales: { x: { title: { display: true, text: '年度 fiscal year' } } } },
    });
    canvas.dataset.drawn = String(datasets.length);
    status.textContent = datasets.length + ' series, ' + labels.length + ' fiscal years';
  }).catch((e) => { status.textContent = 'cannot load ' + canvas.dataset.api + ': ' + e; });
})();
