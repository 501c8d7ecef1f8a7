// A small map of Peru drawn here: the country's outline as a few dozen points (longitude, latitude) traced by hand
// from the coast and the borders, department capitals as dots, and the offices found. No tiles, no network.
// It is a picture beside the list, which holds the same information for every reader (the map is role="img").
const outline = [
  [-81.3, -4.3], [-80.3, -3.4], [-80.1, -4.3], [-79.2, -4.9], [-78.6, -4.4], [-78.4, -3.4], [-77.8, -2.9], [-76.6, -2.6],
  [-75.5, -1.6], [-75.2, -0.9], [-75.2, -0.1], [-74.2, -0.9], [-73.6, -1.2], [-72.9, -2.4], [-71.7, -2.2], [-70.8, -2.3],
  [-70.1, -2.7], [-70.0, -4.3], [-71.6, -4.5], [-72.8, -5.2], [-73.3, -6.1], [-73.8, -7.3], [-73.7, -7.8], [-73.0, -9.0],
  [-72.4, -9.5], [-71.3, -9.9], [-70.5, -9.5], [-70.6, -11.0], [-69.6, -10.95], [-68.7, -12.5], [-68.9, -13.0],
  [-69.0, -14.5], [-69.4, -15.3], [-69.0, -16.2], [-69.5, -17.2], [-69.8, -17.7], [-70.4, -18.35], [-71.4, -17.7],
  [-72.5, -16.8], [-74.0, -15.8], [-75.2, -15.2], [-76.2, -13.9], [-76.8, -12.6], [-77.2, -12.0], [-77.7, -11.0],
  [-78.2, -10.0], [-78.6, -9.1], [-79.1, -8.1], [-79.6, -7.1], [-79.9, -6.6], [-80.9, -5.9], [-81.2, -5.8], [-81.1, -5.1],
];

// Department capitals, approximate, for orientation only.
const capitals = [
  [-73.25, -3.75], [-80.63, -5.19], [-79.84, -6.77], [-79.03, -8.11], [-77.03, -12.05], [-75.73, -14.07], [-71.54, -16.4],
  [-71.97, -13.53], [-70.02, -15.84], [-70.25, -18.01], [-74.55, -8.38], [-76.37, -6.48], [-69.19, -12.59], [-75.2, -12.07],
  [-80.45, -3.57], [-78.52, -7.16], [-77.53, -9.53], [-76.24, -9.93], [-74.22, -13.16], [-72.88, -13.64], [-77.87, -6.23],
  [-75.0, -12.78], [-70.94, -17.19], [-76.26, -10.67],
];

const west = -81.5, east = -68.5, north = 0.2, south = -18.6;
const width = 260, height = Math.round(width * (north - south) / (east - west));
const x = (lon) => ((lon - west) / (east - west)) * width;
const y = (lat) => ((north - lat) / (north - south)) * height;
const svgNs = 'http://www.w3.org/2000/svg';

const el = (name, attributes) => {
  const node = document.createElementNS(svgNs, name);
  for (const [key, value] of Object.entries(attributes)) node.setAttribute(key, value);
  return node;
};

/** Draws the map into container: you (point [lat, lon] or null) and offices ({ latitude, longitude, name }). */
export function draw(container, label, you, offices) {
  const svg = el('svg', { viewBox: `0 0 ${width} ${height}`, role: 'img', 'aria-label': label, class: 'peru-map' });
  svg.append(el('path', { d: `M${outline.map(([lon, lat]) => `${x(lon).toFixed(1)},${y(lat).toFixed(1)}`).join('L')}Z`, class: 'map-country' }));
  for (const [lon, lat] of capitals) svg.append(el('circle', { cx: x(lon).toFixed(1), cy: y(lat).toFixed(1), r: 1.6, class: 'map-capital' }));
  offices.forEach((office, index) => {
    const cx = x(office.longitude), cy = y(office.latitude);
    svg.append(el('circle', { cx: cx.toFixed(1), cy: cy.toFixed(1), r: 5, class: 'map-office' }));
    const number = el('text', { x: cx.toFixed(1), y: (cy + 3).toFixed(1), class: 'map-number' });
    number.textContent = String(index + 1);
    svg.append(number);
  });
  if (you) {
    const [lat, lon] = you;
    svg.append(el('path', { d: `M${x(lon) - 5},${y(lat)}h10M${x(lon)},${y(lat) - 5}v10`, class: 'map-you' }));
  }
  container.replaceChildren(svg);
}
