// Places to search from when the browser's location is not used: Lima's districts with offices nearby and every
// department capital with an office. Coordinates are approximate centres (latitude, longitude).
export const places = [
  ['Lima (Cercado)', -12.046, -77.043], ['Breña', -12.059, -77.05], ['San Juan de Lurigancho', -11.98, -77.0],
  ['San Martín de Porres', -12.0, -77.08], ['Comas', -11.944, -77.062], ['Ate', -12.048, -76.934],
  ['Chorrillos', -12.17, -77.02], ['Villa María del Triunfo', -12.16, -76.94], ['San Juan de Miraflores', -12.156, -76.972],
  ['Callao', -12.057, -77.118], ['Ventanilla', -11.876, -77.128], ['Arequipa', -16.399, -71.535], ['Chiclayo', -6.771, -79.841],
  ['Chimbote', -9.075, -78.594], ['Cusco', -13.532, -71.968], ['Huancayo', -12.065, -75.205], ['Ica', -14.068, -75.729],
  ['Ilo', -17.639, -71.338], ['Iquitos', -3.749, -73.254], ['Piura', -5.195, -80.633], ['Pucallpa', -8.379, -74.554],
  ['Puerto Maldonado', -12.593, -69.189], ['Puno', -15.84, -70.022], ['Tacna', -18.007, -70.246], ['Tarapoto', -6.483, -76.373],
  ['Trujillo', -8.112, -79.029], ['Tumbes', -3.567, -80.452],
];
