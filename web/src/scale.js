// The colour scale of the heat map: positions 0-100 on ColorBrewer's 5-class RdYlBu diverging
// scheme (Brewer, colorbrewer2.org), blue at 0 and red at 100, interpolated linearly in RGB.
// The number is always printed in the cell as well, so colour is never the only cue.
const kStops = [
  [0, [44, 123, 182]],
  [25, [171, 217, 233]],
  [50, [255, 255, 191]],
  [75, [253, 174, 97]],
  [100, [215, 25, 28]],
];

export function positionRgb(position) {
  const value = Math.min(100, Math.max(0, position));
  for (let i = 1; i < kStops.length; ++i) {
    const [high, highRgb] = kStops[i];
    const [low, lowRgb] = kStops[i - 1];
    if (value <= high) {
      const t = (value - low) / (high - low);
      return lowRgb.map((channel, c) => Math.round(channel + t * (highRgb[c] - channel)));
    }
  }
  return kStops[kStops.length - 1][1];
}

export function positionColour(position) {
  const [r, g, b] = positionRgb(position);
  return `rgb(${r}, ${g}, ${b})`;
}

// Dark or light text, whichever reads better on the cell colour (WCAG relative luminance).
export function textColourOn(position) {
  const linear = positionRgb(position).map((channel) => {
    const s = channel / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  });
  const luminance = 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2];
  return luminance > 0.3 ? '#111' : '#fff';
}

export function legendGradient() {
  const parts = kStops.map(([at, [r, g, b]]) => `rgb(${r}, ${g}, ${b}) ${at}%`);
  return `linear-gradient(to right, ${parts.join(', ')})`;
}
