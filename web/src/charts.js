// Forecast charts on Chart.js (bundled; no CDN). Only the pieces we use are registered, which
// keeps the bundle small.
import {
  BarController,
  BarElement,
  CategoryScale,
  Chart,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  ScatterController,
  Tooltip,
} from 'chart.js';

Chart.register(BarController, BarElement, CategoryScale, Legend, LinearScale, LineController,
    LineElement, PointElement, ScatterController, Tooltip);
Chart.defaults.font.family = 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif';
Chart.defaults.color = '#222';

// Okabe & Ito (2008) colour-blind-safe palette, for lines of actors.
const kPalette = ['#0072B2', '#D55E00', '#009E73', '#CC79A7', '#E69F00', '#56B4E9', '#000000',
  '#F0E442'];

export function paletteColour(index) {
  return kPalette[index % kPalette.length];
}

// Each model's p10-p90 band as a floating horizontal bar, with its point forecast on top.
export function bandChart(canvas, issueName, forecasts) {
  const labels = forecasts.map((forecast) => forecast.model);
  return new Chart(canvas, {
    data: {
      labels,
      datasets: [
        {
          type: 'bar',
          label: 'p10–p90 band',
          data: forecasts.map((forecast) => [forecast.p10, forecast.p90]),
          backgroundColor: 'rgba(0, 114, 178, 0.25)',
          borderColor: 'rgba(0, 114, 178, 0.8)',
          borderWidth: 1,
          barPercentage: 0.5,
        },
        {
          type: 'scatter',
          label: 'forecast',
          data: forecasts.map((forecast, index) => ({x: forecast.forecast, y: labels[index]})),
          backgroundColor: '#D55E00',
          borderColor: '#000',
          pointRadius: 6,
          pointStyle: 'rectRot',
        },
      ],
    },
    options: {
      indexAxis: 'y',
      animation: false,
      maintainAspectRatio: false,
      scales: {
        x: {min: 0, max: 100, title: {display: true, text: `${issueName}: position (0–100)`}},
        y: {type: 'category', labels, title: {display: true, text: 'model'}},
      },
      plugins: {legend: {position: 'bottom'}},
    },
  });
}

// Redraws a band chart with new numbers for the same models, without animation.
export function updateBandChart(chart, forecasts) {
  chart.data.datasets[0].data = forecasts.map((forecast) => [forecast.p10, forecast.p90]);
  chart.data.datasets[1].data =
      forecasts.map((forecast) => ({x: forecast.forecast, y: forecast.model}));
  chart.update('none');
}

// Bargaining dynamics: every actor's position per round of one model.
export function roundsChart(canvas, rounds, actorName) {
  const actorIds = Object.keys(rounds[0] || {});
  return new Chart(canvas, {
    type: 'line',
    data: {
      labels: rounds.map((_, index) => index),
      datasets: actorIds.map((id, index) => ({
        label: actorName(id),
        data: rounds.map((round) => round[id]),
        borderColor: paletteColour(index),
        backgroundColor: paletteColour(index),
        pointRadius: 2,
        tension: 0,
      })),
    },
    options: {
      animation: false,
      maintainAspectRatio: false,
      scales: {
        x: {title: {display: true, text: 'bargaining round'}},
        y: {min: 0, max: 100, title: {display: true, text: 'position (0–100)'}},
      },
      plugins: {legend: {position: 'bottom', labels: {boxWidth: 12}}},
    },
  });
}

// Redraws a rounds chart for the same actors; the number of rounds may change.
export function updateRoundsChart(chart, rounds) {
  const actorIds = Object.keys(rounds[0] || {});
  chart.data.labels = rounds.map((_, index) => index);
  chart.data.datasets.forEach((dataset, index) => {
    dataset.data = rounds.map((round) => round[actorIds[index]]);
  });
  chart.update('none');
}
