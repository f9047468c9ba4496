package texts

// esWeb holds the Spanish texts of the website service (5.2).
var esWeb = map[string]string{
	"web.tipo.q":         "¿Qué necesitas publicar en el sitio web de la universidad?",
	"web.tipo":           "Tipo",
	"web.tipo.articulo":  "Un artículo o noticia",
	"web.tipo.seccion":   "Una sección nueva",
	"web.tipo.categoria": "Una categoría nueva",
	"web.tipo.blog":      "Una entrada de blog",
	"web.tipo.cambio":    "Un cambio a una página existente",
	"web.pagina.q":       "¿Cuál es la dirección de la página que hay que cambiar? Cópiala del navegador.",
	"web.pagina":         "Página a cambiar",
	"web.titulo.q":       "¿Qué título llevará? (para un cambio, resúmelo en una línea)",
	"web.titulo":         "Título",
	"web.contenido.q":    "Escribe el texto a publicar, o describe el cambio que necesitas:",
	"web.contenido":      "Contenido",
	"web.adjuntos.q":     "Envía las imágenes o documentos que deben publicarse.",
	"web.adjuntos":       "Adjuntos",
	"web.fecha.q":        "¿Para qué fecha lo necesitas publicado? (dd/mm/aaaa)",
	"web.fecha":          "Publicar para",

	"web.contenido_cms":           "Creado en el sitio como",
	"web.contenido_cms.articulo":  "Artículo",
	"web.contenido_cms.seccion":   "Sección",
	"web.contenido_cms.categoria": "Categoría",
	"web.contenido_cms.blog":      "Blog",
	"web.contenido_cms.pagina":    "Página modificada",
	"web.url":                     "Publicado en",

	"web.status.por_autorizar": "En espera de autorización de Rectoría",
	"web.status.en_cms":        "Analizada; por crear en el sitio",
	"web.status.por_publicar":  "Creada en el sitio; por publicar",
	"web.status.cerrado":       "Publicada",

	"web.act.autorizar":    "Autorizar publicación",
	"web.act.no_autorizar": "No autorizar",
	"web.act.analizar":     "Información analizada",
	"web.act.crear_cms":    "Creado en el sitio",
	"web.act.publicar":     "Publicar",

	"web.in.no_autorizar": "Escribe por qué no se autoriza la publicación; se lo haré saber a quien la solicitó:",
	"web.in.analizar":     "¿Alguna nota sobre cómo se procesará la información? (opcional)",
	"web.in.crear_cms":    "¿Qué creaste en el gestor de contenido del sitio?",
	"web.in.publicar":     "Escribe la dirección web donde quedó publicada (por ejemplo https://www.universidad.edu.mx/noticias/evento):",

	"web.st.por_autorizar": "Tu solicitud {folio} espera la autorización de Rectoría para publicarse en el sitio web. Te aviso en cuanto responda.",
	"web.did.aprobar":      "{by} dio su visto bueno a tu solicitud {folio}. Ahora espera la autorización de Rectoría para publicarse.",
	"web.did.autorizar":    "{by} autorizó la publicación de tu solicitud {folio}. Ya está en la cola de la Coordinación de Tecnologías.",
	"web.did.no_autorizar": "{by} no autorizó la publicación de tu solicitud {folio}.{notes}",
	"web.did.analizar":     "La Coordinación de Tecnologías analizó la información de tu solicitud {folio} y la está preparando en el sitio web.",
	"web.did.crear_cms":    "Tu información de la solicitud {folio} ya está creada en el sitio web; falta publicarla.",
	"web.did.publicar":     "¡Listo! La información de tu solicitud {folio} ya está publicada en el sitio web de la universidad:\n{url}",

	"web.ask.por_autorizar": "{requester} ({area}) pide autorización para publicar en el sitio web de la universidad:",
	"web.ask.en_analisis":   "Tienes asignada esta publicación. Analiza la información y regístralo:",
	"web.ask.en_cms":        "Crea el contenido en el gestor del sitio web y registra qué creaste:",
	"web.ask.por_publicar":  "Publica el contenido y registra su dirección web:",
}
