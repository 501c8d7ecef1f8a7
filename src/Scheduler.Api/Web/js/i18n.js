// Texts of both pages in Spanish (the default) and English. The HTML carries the Spanish text; apply() puts the
// current language's text into every element marked data-i18n (text) or data-i18n-attr ("attr:key;attr:key").
const texts = {
  es: {
    'lang.switch': 'English', 'lang.switchName': 'Read this page in English',
    'site.title': 'Citas de Migraciones', 'site.tagline': 'Reserve, cambie o anule su cita en una oficina de Migraciones.',
    'skip': 'Saltar al contenido',
    'nav.label': 'Secciones', 'nav.search': 'Buscar cita', 'nav.manage': 'Mi cita', 'nav.waitlist': 'Lista de espera',
    'search.title': '1. Busque la oficina y el horario', 'search.procedure': 'Trámite', 'search.place': 'Cerca de',
    'search.radius': 'Distancia máxima', 'search.locate': 'Usar mi ubicación', 'search.submit': 'Buscar',
    'search.myLocation': 'Mi ubicación actual', 'search.locating': 'Buscando su ubicación…',
    'search.locateFailed': 'No pudimos obtener su ubicación. Elija un distrito o ciudad de la lista.',
    'search.loading': 'Buscando horarios…', 'search.results': 'Primeros horarios libres',
    'search.count': '{n} oficinas con horarios libres, la más cercana primero por fecha.',
    'search.none': 'No hay horarios libres a esa distancia. Amplíe la distancia o únase a la lista de espera.',
    'search.toWaitlist': 'Unirme a la lista de espera',
    'search.map': 'Mapa del Perú con las oficinas encontradas', 'search.mapYou': 'Usted',
    'radius.10': '10 km', 'radius.25': '25 km', 'radius.50': '50 km', 'radius.200': '200 km', 'radius.3000': 'Todo el país',
    'slot.book': 'Reservar {when}', 'slot.more': 'Otros horarios', 'slot.free': '{n} cupos libres', 'slot.free1': '1 cupo libre',
    'slot.distance': 'a {km} km', 'slot.days': 'Horarios de los próximos días en {office}', 'slot.noDays': 'No quedan horarios libres en esta oficina.',
    'slot.pick': 'Elegir {time}',
    'book.title': '2. Sus datos', 'book.chosen': 'Horario elegido:', 'book.change': 'Elegir otro horario',
    'book.documentType': 'Tipo de documento', 'book.documentNumber': 'Número de documento',
    'book.documentNumberHint': 'Tal como aparece en su documento. Lo necesitará para ver o cambiar su cita.',
    'book.country': 'País que emitió el documento', 'book.fullName': 'Nombres y apellidos',
    'book.email': 'Correo electrónico (opcional)', 'book.phone': 'Teléfono móvil (opcional)',
    'book.emailHint': 'Le enviaremos su código. Si lo pierde, se lo reenviamos aquí.', 'book.phoneHint': 'Con código de país, p. ej. +51987654321.',
    'book.submit': 'Confirmar cita', 'book.sending': 'Reservando…',
    'book.slotFull': 'Ese horario se acaba de llenar. Elija otro de estos:',
    'done.title': 'Su cita está reservada', 'done.code': 'Código de su cita', 'done.keep': 'Guarde este código y su número de documento: los necesitará para ver, cambiar o anular la cita.',
    'done.manage': 'Ver o cambiar esta cita', 'done.another': 'Reservar otra cita',
    'manage.title': 'Ver, cambiar o anular mi cita', 'manage.code': 'Código de la cita', 'manage.codeHint': 'Ocho letras y números, p. ej. TBWE-3DWJ.',
    'manage.documentNumber': 'Número de documento', 'manage.submit': 'Ver mi cita',
    'manage.status': 'Estado', 'manage.where': 'Oficina', 'manage.when': 'Fecha y hora', 'manage.who': 'A nombre de', 'manage.procedure': 'Trámite',
    'manage.history': 'Historial', 'manage.reschedule': 'Cambiar fecha u oficina', 'manage.cancel': 'Anular la cita',
    'manage.cancelConfirm': '¿Seguro que quiere anular esta cita? El cupo quedará libre para otra persona.',
    'manage.cancelYes': 'Sí, anular', 'manage.cancelNo': 'No, mantenerla',
    'manage.cancelled': 'Su cita fue anulada.', 'manage.moved': 'Su cita fue cambiada. El código sigue siendo el mismo.',
    'reschedule.title': 'Nuevo horario', 'reschedule.office': 'Oficina', 'reschedule.date': 'Fecha',
    'reschedule.load': 'Ver horarios de ese día', 'reschedule.start': 'Hora', 'reschedule.submit': 'Cambiar a este horario',
    'reschedule.noSlots': 'No hay horarios libres ese día en esa oficina. Pruebe otra fecha u oficina.',
    'status.booked': 'Reservada', 'status.cancelled': 'Anulada', 'status.checked-in': 'Registrada en la oficina', 'status.completed': 'Atendida', 'status.no-show': 'No asistió',
    'status.waiting': 'En espera', 'status.left': 'Salió de la lista', 'status.expired': 'Vencida',
    'history.created': 'Reservada', 'history.booked': 'Reservada', 'history.moved': 'Cambiada', 'history.rescheduled': 'Cambiada', 'history.cancelled': 'Anulada', 'history.relocated': 'Reubicada por la oficina',
    'recover.title': '¿Perdió su código?', 'recover.intro': 'Le enviamos de nuevo el código al correo o teléfono que dio al reservar.',
    'recover.submit': 'Enviarme el código', 'recover.sent': 'Si hay una cita con esos datos, le enviamos el código al correo o teléfono que dio al reservar.',
    'waitlist.title': 'Lista de espera', 'waitlist.intro': 'Si no hay horarios cerca, anótese: le reservaremos el primer cupo que se libere en la zona y le avisaremos.',
    'waitlist.near': 'Zona: cerca de {place}, hasta {km} km, para «{procedure}».',
    'waitlist.from': 'Desde', 'waitlist.to': 'Hasta', 'waitlist.submit': 'Anotarme en la lista',
    'waitlist.joined': 'Está en la lista de espera.', 'waitlist.id': 'Número de espera', 'waitlist.position': 'Lugar en la fila: {n}',
    'waitlist.booked': 'Ya tiene cita: código {code}.', 'waitlist.check': 'Consultar mi lugar', 'waitlist.checkId': 'Número de espera',
    'request.title': 'Mi solicitud', 'request.checkIntro': 'Consulte o retire una solicitud de cita con su número y su número de documento.',
    'request.intro': 'Para este trámite las citas se asignan por sorteo: envíe una solicitud y en el próximo sorteo recibirá el primer cupo libre a su alcance, o seguirá en el siguiente.',
    'request.where': 'Dónde', 'request.whereNear': 'Cualquier oficina a {km} km de {place}', 'request.whereOffice': 'Solo en {office}',
    'request.submit': 'Solicitar cita', 'request.sending': 'Enviando la solicitud…', 'request.filed': 'Solicitud registrada. Guarde su número: {id}.',
    'request.id': 'Número de solicitud', 'request.check': 'Ver mi solicitud', 'request.batch': 'Sorteo', 'request.decides': 'Se decide',
    'request.window': 'Fechas', 'request.result': 'Cita asignada', 'request.none': '—', 'request.nextRelease': 'En el próximo sorteo que abra la oficina',
    'request.withdraw': 'Retirar la solicitud', 'request.withdrawn': 'Su solicitud fue retirada.',
    'request.assigned': 'Código {code}: {where}',
    'rstatus.open': 'Abierta, espera el sorteo', 'rstatus.assigned': 'Cita asignada', 'rstatus.expired': 'Vencida sin cupo', 'rstatus.withdrawn': 'Retirada',
    'rstatus.carried-over': 'Pasada a la lista de espera',
    'room.title': 'Sala de espera', 'room.solving': 'Preparando su lugar en la fila… {pct} %', 'room.joining': 'Tomando su lugar en la fila…',
    'room.waiting': 'Está en la fila. Lugar {n}; su turno en unos {eta}.', 'room.early': 'Llegó antes de la apertura: el orden entre quienes llegaron antes se sortea.',
    'room.admitted': 'Es su turno. Reservando su cita…', 'room.expired': 'Su turno venció. Vuelva a confirmar para tomar otro lugar.',
    'room.seconds': '{n} s', 'room.minutes': '{n} min',
    'error.batchMode': 'Este trámite se asigna por sorteo: no se reserva directamente. Envíe una solicitud.',
    'error.alreadyRequested': 'Ya tiene una solicitud abierta para este trámite. Consúltela en «Mi solicitud».',
    'error.firstCome': 'Este trámite ya se reserva directamente. Busque un horario y reserve.',
    'error.admission': 'Hay mucha demanda: necesita un turno de la sala de espera para reservar.',
    'error.summary': 'Revise {n} dato(s):', 'error.summary1': 'Revise este dato:',
    'error.required': 'Este dato es obligatorio.', 'error.documentNumber': 'Ese número no corresponde a ese tipo de documento. Revise ambos.',
    'error.documentFormat': 'Escriba de 5 a 20 letras o números.', 'error.fullName': 'Use solo letras, espacios, apóstrofos, puntos y guiones.',
    'error.email': 'Escriba un correo válido, p. ej. nombre@correo.com.', 'error.phone': 'Escriba el teléfono con código de país, p. ej. +51987654321.',
    'error.past': 'Esa fecha ya pasó.', 'error.window': 'Esa fecha todavía no está abierta para reservas.',
    'error.date': 'Escriba una fecha válida.', 'error.time': 'Elija una hora válida.', 'error.slotGone': 'Ese horario ya no está disponible. Elija otro.',
    'error.tooLong': 'Es demasiado largo (máximo {n} caracteres).', 'error.tooShort': 'Es demasiado corto (mínimo {n} caracteres).',
    'error.choice': 'Elija una opción de la lista.', 'error.country': 'Elija el país de la lista.',
    'error.number': 'Escriba un número válido.', 'error.range': 'Escriba un número entre {a} y {b}.', 'error.atLeast': 'Debe ser al menos {n}.',
    'error.control': 'Quite los caracteres especiales o invisibles.', 'error.beforeFrom': 'Debe ser igual o posterior a la fecha de inicio.',
    'error.withinYear': 'Debe estar dentro del próximo año.', 'error.span': 'El rango de fechas es demasiado largo.',
    'error.sameOffice': 'Elija una oficina distinta de la de origen.', 'error.near': 'Elija una zona de la lista.',
    'error.notServed': 'Esa oficina no atiende ese trámite.', 'error.unknown': 'No reconocemos este valor.',
    'error.other': 'Revise este dato.',
    'error.notFound': 'No encontramos nada con esos datos. Revise el código y el número de documento.',
    'error.alreadyBooked': 'Ya tiene una cita para este trámite. Búsquela en «Mi cita» con su código; si lo perdió, se lo reenviamos a su correo o teléfono.',
    'error.alreadyWaiting': 'Ya está en la lista de espera para este trámite.',
    'error.notOffered': 'La oficina no ofrece ese horario. Elija otro.',
    'error.rateLimited': 'Demasiados intentos seguidos. Espere {s} segundos y vuelva a intentarlo.',
    'error.unavailable': 'El servicio no responde en este momento. Intente de nuevo en unos segundos; su cita no se duplicará.',
    'error.network': 'No hay conexión con el servicio. Revise su conexión a internet e intente de nuevo.',
    'error.bodyTooLarge': 'Los datos enviados son demasiado largos.',
    'error.keyReused': 'Esta operación ya se usó para otra solicitud. Vuelva a intentarlo.',
    'error.unauthorized': 'Su credencial no es válida o venció. Pegue una credencial nueva.',
    'error.forbidden': 'Esta credencial no tiene el rol de operador.',
    'error.capacityConflict': 'El cambio dejaría citas sin cupo. No se cambió nada. Marque «reubicar» para moverlas.',
    'error.transferRefused': 'La transferencia no se aplicó; ninguna oficina cambió.',
    'error.openRequests': 'Hay solicitudes o personas en lista de espera abiertas. Marque «Forzar» para cambiar igual: las abiertas pasan al otro modo.',
    'error.generic': 'No se pudo completar la operación.',
    'field.procedure': 'Trámite', 'field.officeId': 'Oficina', 'field.date': 'Fecha', 'field.start': 'Hora',
    'field.applicant.documentType': 'Tipo de documento', 'field.applicant.documentNumber': 'Número de documento', 'field.applicant.country': 'País',
    'field.applicant.fullName': 'Nombres y apellidos', 'field.applicant.email': 'Correo', 'field.applicant.phone': 'Teléfono',
    'field.documentType': 'Tipo de documento', 'field.documentNumber': 'Número de documento', 'field.country': 'País',
    'field.X-Document-Number': 'Número de documento', 'field.code': 'Código', 'field.from': 'Desde', 'field.to': 'Hasta', 'field.near': 'Zona', 'field.radiusKm': 'Distancia',
    'field.counters': 'Ventanillas', 'field.reason': 'Motivo', 'field.open': 'Apertura', 'field.close': 'Cierre', 'field.fromOfficeId': 'Oficina de origen', 'field.toOfficeId': 'Oficina de destino',
    'proc.cpp-biometrics': 'Toma de datos biométricos del CPP', 'proc.cpp-card-pickup': 'Entrega del carné del CPP', 'proc.residence-change': 'Cambio de calidad migratoria',
    'doc.PASSPORT': 'Pasaporte', 'doc.CEDULA': 'Cédula de identidad', 'doc.CE': 'Carné de extranjería', 'doc.PTP': 'PTP', 'doc.CPP': 'CPP', 'doc.DNI': 'DNI',
    'country.VE': 'Venezuela', 'country.CO': 'Colombia', 'country.EC': 'Ecuador', 'country.HT': 'Haití', 'country.CU': 'Cuba', 'country.BO': 'Bolivia', 'country.CL': 'Chile', 'country.AR': 'Argentina', 'country.CN': 'China', 'country.PE': 'Perú', 'country.US': 'Estados Unidos', 'country.ES': 'España',
    'footer.console': 'Consola de operadores', 'footer.docs': 'Documentación de la API',
    // Operator console
    'console.title': 'Consola de operadores', 'console.signIn': 'Ingresar', 'console.token': 'Credencial de operador (JWT)',
    'console.tokenHint': 'Pegue la credencial que le dio su administrador. Se guarda solo en esta pestaña y se borra al cerrarla.',
    'console.signedIn': 'Sesión de {name}', 'console.signOut': 'Salir', 'console.notOperator': 'Esta credencial no tiene el rol de operador.',
    'console.view': 'Qué mirar', 'console.from': 'Desde', 'console.days': 'Días', 'console.live': 'En vivo (cada segundo)', 'console.refresh': 'Actualizar',
    'console.updated': 'Actualizado a las {time}', 'console.heat': 'Ocupación por departamento y oficina',
    'console.heatCaption': 'Ocupación de «{procedure}» por día: porcentaje de cupos reservados (reservados/capacidad).',
    'console.office': 'Oficina', 'console.soldOut': 'Días agotados', 'console.waitlist': 'En espera', 'console.closed': 'cerrado', 'console.full': 'agotado',
    'console.soldOutTitle': 'Días agotados', 'console.soldOutNone': 'Ningún día agotado en este periodo.',
    'console.waitTitle': 'Lista de espera', 'console.waitNone': 'Nadie espera en este periodo.', 'console.waiting': '{n} en espera',
    'console.actions': 'Acciones', 'console.closeDay': 'Cerrar un día', 'console.capacity': 'Cambiar capacidad', 'console.transfer': 'Transferir ventanillas',
    'console.officeField': 'Oficina', 'console.date': 'Fecha', 'console.reason': 'Motivo', 'console.relocate': 'Reubicar las citas afectadas en la oficina más cercana con cupo',
    'console.closeSubmit': 'Cerrar el día', 'console.counters': 'Ventanillas', 'console.open': 'Apertura (opcional)', 'console.close': 'Cierre (opcional)',
    'console.rangeFrom': 'Desde', 'console.rangeTo': 'Hasta', 'console.capacitySubmit': 'Aplicar capacidad',
    'console.fromOffice': 'Oficina de origen', 'console.toOffice': 'Oficina de destino', 'console.transferSubmit': 'Transferir',
    'console.relocations': '{n} citas reubicadas', 'console.unplaced': '{n} citas sin reubicar (conservan su cupo)', 'console.done': 'Hecho. Operación {id}.',
    'console.relocCaption': 'Citas reubicadas', 'console.code': 'Código', 'console.fromPlace': 'Antes', 'console.toPlace': 'Ahora',
    'console.transferDone': 'Transferencia {id}: {status}.', 'console.changedDays': '{n} días cambiados.',
    'console.roster': 'Citas de un día', 'console.rosterSubmit': 'Ver citas', 'console.rosterNone': 'No hay citas ese día.',
    'console.time': 'Hora', 'console.name': 'Nombre', 'console.status': 'Estado',
    'console.audit': 'Registro de auditoría', 'console.auditSubmit': 'Ver registro', 'console.auditNone': 'Sin operaciones en este periodo.',
    'console.at': 'Cuándo', 'console.actor': 'Quién', 'console.action': 'Acción', 'console.target': 'Dónde', 'console.detail': 'Detalle',
    'console.forProcedure': 'Se aplica al trámite elegido en «Qué mirar».', 'console.department': 'Departamento', 'console.total': 'Total del periodo',
  },
  en: {
    'lang.switch': 'Español', 'lang.switchName': 'Ver esta página en español',
    'site.title': 'Migration appointments', 'site.tagline': 'Book, change or cancel your appointment at a migration office.',
    'skip': 'Skip to content',
    'nav.label': 'Sections', 'nav.search': 'Find an appointment', 'nav.manage': 'My appointment', 'nav.waitlist': 'Waitlist',
    'search.title': '1. Find an office and a time', 'search.procedure': 'Procedure', 'search.place': 'Near',
    'search.radius': 'Maximum distance', 'search.locate': 'Use my location', 'search.submit': 'Search',
    'search.myLocation': 'My current location', 'search.locating': 'Finding your location…',
    'search.locateFailed': 'We could not get your location. Choose a district or city from the list.',
    'search.loading': 'Looking for times…', 'search.results': 'Earliest free times',
    'search.count': '{n} offices with free times, soonest first, then nearest.',
    'search.none': 'No free times within that distance. Widen the distance or join the waitlist.',
    'search.toWaitlist': 'Join the waitlist',
    'search.map': 'Map of Peru with the offices found', 'search.mapYou': 'You',
    'radius.10': '10 km', 'radius.25': '25 km', 'radius.50': '50 km', 'radius.200': '200 km', 'radius.3000': 'Whole country',
    'slot.book': 'Book {when}', 'slot.more': 'Other times', 'slot.free': '{n} seats free', 'slot.free1': '1 seat free',
    'slot.distance': '{km} km away', 'slot.days': 'Times in the coming days at {office}', 'slot.noDays': 'No free times left at this office.',
    'slot.pick': 'Choose {time}',
    'book.title': '2. Your details', 'book.chosen': 'Chosen time:', 'book.change': 'Choose another time',
    'book.documentType': 'Document type', 'book.documentNumber': 'Document number',
    'book.documentNumberHint': 'As printed on your document. You will need it to see or change your appointment.',
    'book.country': 'Country that issued the document', 'book.fullName': 'Full name',
    'book.email': 'E-mail (optional)', 'book.phone': 'Mobile phone (optional)',
    'book.emailHint': 'We send your code here, and again if you lose it.', 'book.phoneHint': 'With the country code, e.g. +51987654321.',
    'book.submit': 'Confirm appointment', 'book.sending': 'Booking…',
    'book.slotFull': 'That time has just filled up. Choose one of these:',
    'done.title': 'Your appointment is booked', 'done.code': 'Your appointment code', 'done.keep': 'Keep this code and your document number: you need both to see, change or cancel the appointment.',
    'done.manage': 'See or change this appointment', 'done.another': 'Book another appointment',
    'manage.title': 'See, change or cancel my appointment', 'manage.code': 'Appointment code', 'manage.codeHint': 'Eight letters and digits, e.g. TBWE-3DWJ.',
    'manage.documentNumber': 'Document number', 'manage.submit': 'See my appointment',
    'manage.status': 'Status', 'manage.where': 'Office', 'manage.when': 'Date and time', 'manage.who': 'In the name of', 'manage.procedure': 'Procedure',
    'manage.history': 'History', 'manage.reschedule': 'Change date or office', 'manage.cancel': 'Cancel the appointment',
    'manage.cancelConfirm': 'Do you really want to cancel this appointment? The seat will go to someone else.',
    'manage.cancelYes': 'Yes, cancel', 'manage.cancelNo': 'No, keep it',
    'manage.cancelled': 'Your appointment was cancelled.', 'manage.moved': 'Your appointment was changed. The code stays the same.',
    'reschedule.title': 'New time', 'reschedule.office': 'Office', 'reschedule.date': 'Date',
    'reschedule.load': 'See times that day', 'reschedule.start': 'Time', 'reschedule.submit': 'Change to this time',
    'reschedule.noSlots': 'No free times that day at that office. Try another date or office.',
    'status.booked': 'Booked', 'status.cancelled': 'Cancelled', 'status.checked-in': 'Checked in', 'status.completed': 'Completed', 'status.no-show': 'Did not attend',
    'status.waiting': 'Waiting', 'status.left': 'Left the list', 'status.expired': 'Expired',
    'history.created': 'Booked', 'history.booked': 'Booked', 'history.moved': 'Changed', 'history.rescheduled': 'Changed', 'history.cancelled': 'Cancelled', 'history.relocated': 'Moved by the office',
    'recover.title': 'Lost your code?', 'recover.intro': 'We send the code again to the e-mail or phone you gave when booking.',
    'recover.submit': 'Send me the code', 'recover.sent': 'If there is an appointment with those details, we sent its code to the e-mail or phone given when booking.',
    'waitlist.title': 'Waitlist', 'waitlist.intro': 'If there are no times nearby, sign up: we book the first seat that frees up in the area and tell you.',
    'waitlist.near': 'Area: near {place}, up to {km} km, for “{procedure}”.',
    'waitlist.from': 'From', 'waitlist.to': 'To', 'waitlist.submit': 'Join the waitlist',
    'waitlist.joined': 'You are on the waitlist.', 'waitlist.id': 'Waitlist number', 'waitlist.position': 'Place in line: {n}',
    'waitlist.booked': 'You have an appointment: code {code}.', 'waitlist.check': 'Check my place', 'waitlist.checkId': 'Waitlist number',
    'request.title': 'My request', 'request.checkIntro': 'Check or withdraw an appointment request with its number and your document number.',
    'request.intro': 'Appointments for this procedure are allocated by lottery: send a request, and at the next draw you get the earliest free seat within your reach, or stay in for the one after.',
    'request.where': 'Where', 'request.whereNear': 'Any office within {km} km of {place}', 'request.whereOffice': 'Only at {office}',
    'request.submit': 'Request an appointment', 'request.sending': 'Sending the request…', 'request.filed': 'Request filed. Keep its number: {id}.',
    'request.id': 'Request number', 'request.check': 'See my request', 'request.batch': 'Draw', 'request.decides': 'Decided',
    'request.window': 'Dates', 'request.result': 'Appointment given', 'request.none': '—', 'request.nextRelease': 'At the next draw the office runs',
    'request.withdraw': 'Withdraw the request', 'request.withdrawn': 'Your request was withdrawn.',
    'request.assigned': 'Code {code}: {where}',
    'rstatus.open': 'Open, waiting for the draw', 'rstatus.assigned': 'Appointment given', 'rstatus.expired': 'Expired without a seat', 'rstatus.withdrawn': 'Withdrawn',
    'rstatus.carried-over': 'Moved to the waitlist',
    'room.title': 'Waiting room', 'room.solving': 'Getting your place in line ready… {pct} %', 'room.joining': 'Taking your place in line…',
    'room.waiting': 'You are in line. Place {n}; your turn in about {eta}.', 'room.early': 'You came before the opening: the order among early arrivals is drawn by lot.',
    'room.admitted': 'It is your turn. Booking your appointment…', 'room.expired': 'Your turn expired. Confirm again to take a new place.',
    'room.seconds': '{n} s', 'room.minutes': '{n} min',
    'error.batchMode': 'This procedure is allocated by lottery: it cannot be booked directly. Send a request.',
    'error.alreadyRequested': 'You already have an open request for this procedure. See it under “My request”.',
    'error.firstCome': 'This procedure is booked directly now. Find a time and book it.',
    'error.admission': 'Demand is high: you need a turn from the waiting room to book.',
    'error.summary': 'Please check {n} item(s):', 'error.summary1': 'Please check this item:',
    'error.required': 'This is required.', 'error.documentNumber': 'That number does not match that document type. Check both.',
    'error.documentFormat': 'Enter 5 to 20 letters or digits.', 'error.fullName': 'Use only letters, spaces, apostrophes, dots and dashes.',
    'error.email': 'Enter a valid e-mail, e.g. name@mail.com.', 'error.phone': 'Enter the phone with its country code, e.g. +51987654321.',
    'error.past': 'That date has passed.', 'error.window': 'That date is not open for booking yet.',
    'error.date': 'Enter a valid date.', 'error.time': 'Choose a valid time.', 'error.slotGone': 'That time is no longer available. Choose another.',
    'error.tooLong': 'It is too long (at most {n} characters).', 'error.tooShort': 'It is too short (at least {n} characters).',
    'error.choice': 'Choose an option from the list.', 'error.country': 'Choose the country from the list.',
    'error.number': 'Enter a valid number.', 'error.range': 'Enter a number from {a} to {b}.', 'error.atLeast': 'It must be at least {n}.',
    'error.control': 'Remove special or invisible characters.', 'error.beforeFrom': 'It must be on or after the start date.',
    'error.withinYear': 'It must be within the coming year.', 'error.span': 'The date range is too long.',
    'error.sameOffice': 'Choose an office other than the source office.', 'error.near': 'Choose an area from the list.',
    'error.notServed': 'That office does not serve that procedure.', 'error.unknown': 'We do not recognise this value.',
    'error.other': 'Please check this.',
    'error.notFound': 'We found nothing with those details. Check the code and the document number.',
    'error.alreadyBooked': 'You already have an appointment for this procedure. Look it up under “My appointment” with its code; if you lost it, we send it again to your e-mail or phone.',
    'error.alreadyWaiting': 'You are already on the waitlist for this procedure.',
    'error.notOffered': 'The office does not offer that time. Choose another.',
    'error.rateLimited': 'Too many attempts in a row. Wait {s} seconds and try again.',
    'error.unavailable': 'The service is not answering right now. Try again in a few seconds; your booking will not be duplicated.',
    'error.network': 'Cannot reach the service. Check your internet connection and try again.',
    'error.bodyTooLarge': 'The data sent is too long.',
    'error.keyReused': 'This operation id was already used for another request. Try again.',
    'error.unauthorized': 'Your credential is not valid or has expired. Paste a new one.',
    'error.forbidden': 'This credential does not have the operator role.',
    'error.capacityConflict': 'The change would leave appointments without a seat. Nothing changed. Tick “relocate” to move them.',
    'error.transferRefused': 'The transfer was not applied; neither office changed.',
    'error.openRequests': 'Requests or waitlist entries are open. Tick “Force” to switch anyway: the open ones move to the other mode.',
    'error.generic': 'The operation could not be completed.',
    'field.procedure': 'Procedure', 'field.officeId': 'Office', 'field.date': 'Date', 'field.start': 'Time',
    'field.applicant.documentType': 'Document type', 'field.applicant.documentNumber': 'Document number', 'field.applicant.country': 'Country',
    'field.applicant.fullName': 'Full name', 'field.applicant.email': 'E-mail', 'field.applicant.phone': 'Phone',
    'field.documentType': 'Document type', 'field.documentNumber': 'Document number', 'field.country': 'Country',
    'field.X-Document-Number': 'Document number', 'field.code': 'Code', 'field.from': 'From', 'field.to': 'To', 'field.near': 'Area', 'field.radiusKm': 'Distance',
    'field.counters': 'Counters', 'field.reason': 'Reason', 'field.open': 'Opening', 'field.close': 'Closing', 'field.fromOfficeId': 'Source office', 'field.toOfficeId': 'Destination office',
    'proc.cpp-biometrics': 'CPP biometric capture', 'proc.cpp-card-pickup': 'CPP card collection', 'proc.residence-change': 'Change of migratory status',
    'doc.PASSPORT': 'Passport', 'doc.CEDULA': 'National identity card (cédula)', 'doc.CE': 'Foreigner card (CE)', 'doc.PTP': 'PTP', 'doc.CPP': 'CPP', 'doc.DNI': 'DNI',
    'country.VE': 'Venezuela', 'country.CO': 'Colombia', 'country.EC': 'Ecuador', 'country.HT': 'Haiti', 'country.CU': 'Cuba', 'country.BO': 'Bolivia', 'country.CL': 'Chile', 'country.AR': 'Argentina', 'country.CN': 'China', 'country.PE': 'Peru', 'country.US': 'United States', 'country.ES': 'Spain',
    'footer.console': 'Operator console', 'footer.docs': 'API documentation',
    'console.title': 'Operator console', 'console.signIn': 'Sign in', 'console.token': 'Operator credential (JWT)',
    'console.tokenHint': 'Paste the credential your administrator gave you. It is kept in this tab only and removed when you close it.',
    'console.signedIn': 'Signed in as {name}', 'console.signOut': 'Sign out', 'console.notOperator': 'This credential does not have the operator role.',
    'console.view': 'What to show', 'console.from': 'From', 'console.days': 'Days', 'console.live': 'Live (every second)', 'console.refresh': 'Refresh',
    'console.updated': 'Updated at {time}', 'console.heat': 'Utilisation by department and office',
    'console.heatCaption': 'Utilisation of “{procedure}” per day: share of seats booked (booked/capacity).',
    'console.office': 'Office', 'console.soldOut': 'Sold-out days', 'console.waitlist': 'Waiting', 'console.closed': 'closed', 'console.full': 'sold out',
    'console.soldOutTitle': 'Sold-out days', 'console.soldOutNone': 'No sold-out day in this period.',
    'console.waitTitle': 'Waitlist', 'console.waitNone': 'Nobody is waiting in this period.', 'console.waiting': '{n} waiting',
    'console.actions': 'Actions', 'console.closeDay': 'Close a day', 'console.capacity': 'Change capacity', 'console.transfer': 'Transfer counters',
    'console.officeField': 'Office', 'console.date': 'Date', 'console.reason': 'Reason', 'console.relocate': 'Relocate the affected appointments to the nearest office with a seat',
    'console.closeSubmit': 'Close the day', 'console.counters': 'Counters', 'console.open': 'Opening (optional)', 'console.close': 'Closing (optional)',
    'console.rangeFrom': 'From', 'console.rangeTo': 'To', 'console.capacitySubmit': 'Apply capacity',
    'console.fromOffice': 'Source office', 'console.toOffice': 'Destination office', 'console.transferSubmit': 'Transfer',
    'console.relocations': '{n} appointments relocated', 'console.unplaced': '{n} appointments not relocated (they keep their seat)', 'console.done': 'Done. Operation {id}.',
    'console.relocCaption': 'Relocated appointments', 'console.code': 'Code', 'console.fromPlace': 'Before', 'console.toPlace': 'Now',
    'console.transferDone': 'Transfer {id}: {status}.', 'console.changedDays': '{n} days changed.',
    'console.roster': 'Appointments of a day', 'console.rosterSubmit': 'Show appointments', 'console.rosterNone': 'No appointments that day.',
    'console.time': 'Time', 'console.name': 'Name', 'console.status': 'Status',
    'console.audit': 'Audit trail', 'console.auditSubmit': 'Show the trail', 'console.auditNone': 'No operations in this period.',
    'console.at': 'When', 'console.actor': 'Who', 'console.action': 'Action', 'console.target': 'Where', 'console.detail': 'Detail',
    'console.forProcedure': 'Applies to the procedure chosen under “What to show”.', 'console.department': 'Department', 'console.total': 'Whole period',
  },
};

const listeners = [];
let current = document.documentElement.lang === 'en' ? 'en' : 'es';

/** The current language: 'es' or 'en'. */
export const lang = () => current;

/** The text for key in the current language, with {name} placeholders filled from values. */
export function t(key, values = {}) {
  const text = texts[current][key] ?? texts.es[key] ?? key;
  return text.replace(/\{(\w+)\}/g, (_, name) => (name in values ? String(values[name]) : `{${name}}`));
}

/** Whether a key has a text (used for names the API gives that may have a translation, e.g. procedures). */
export const has = (key) => key in texts[current];

/** Puts the current language's texts into root's marked elements. */
export function apply(root = document) {
  for (const el of root.querySelectorAll('[data-i18n]')) el.textContent = t(el.dataset.i18n);
  for (const el of root.querySelectorAll('[data-i18n-attr]')) {
    for (const pair of el.dataset.i18nAttr.split(';')) {
      const [attr, key] = pair.split(':');
      el.setAttribute(attr, t(key));
    }
  }
}

/** Called with the new language after every switch (to re-render what scripts wrote). */
export const onChange = (listener) => listeners.push(listener);

/** Switches language in place: texts, the html lang attribute, the address (?lang=) so a reload keeps it. */
export function use(language) {
  current = language === 'en' ? 'en' : 'es';
  document.documentElement.lang = current;
  const url = new URL(location.href);
  url.searchParams.set('lang', current);
  history.replaceState(null, '', url);
  apply();
  for (const listener of listeners) listener(current);
}

/** Formats a YYYY-MM-DD date as a short weekday and date in the current language (no time zone shift). */
export function day(iso) {
  const [y, m, d] = iso.split('-').map(Number);
  return new Intl.DateTimeFormat(current === 'en' ? 'en-GB' : 'es-PE', { weekday: 'short', day: 'numeric', month: 'short', timeZone: 'UTC' })
    .format(new Date(Date.UTC(y, m - 1, d)));
}

/** Formats a number for the current language (e.g. 2,5 km in Spanish). */
export const number = (n, digits = 1) =>
  new Intl.NumberFormat(current === 'en' ? 'en-GB' : 'es-PE', { maximumFractionDigits: digits }).format(n);

/** Wires a language switch button: its text names the other language. */
export function wireSwitch(button) {
  apply();
  button.addEventListener('click', () => use(current === 'es' ? 'en' : 'es'));
}
