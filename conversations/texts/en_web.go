package texts

// enWeb holds the English texts of the website service (5.2).
var enWeb = map[string]string{
	"web.tipo.q":         "What do you need to publish on the university's website?",
	"web.tipo":           "Kind",
	"web.tipo.articulo":  "An article or news item",
	"web.tipo.seccion":   "A new section",
	"web.tipo.categoria": "A new category",
	"web.tipo.blog":      "A blog post",
	"web.tipo.cambio":    "A change to an existing page",
	"web.pagina.q":       "What is the address of the page to change? Copy it from the browser.",
	"web.pagina":         "Page to change",
	"web.titulo.q":       "What title will it have? (for a change, sum it up in one line)",
	"web.titulo":         "Title",
	"web.contenido.q":    "Type the text to publish, or describe the change you need:",
	"web.contenido":      "Content",
	"web.adjuntos.q":     "Send the images or documents to publish.",
	"web.adjuntos":       "Attachments",
	"web.fecha.q":        "By which date do you need it published? (dd/mm/yyyy)",
	"web.fecha":          "Publish by",

	"web.contenido_cms":           "Created on the site as",
	"web.contenido_cms.articulo":  "Article",
	"web.contenido_cms.seccion":   "Section",
	"web.contenido_cms.categoria": "Category",
	"web.contenido_cms.blog":      "Blog",
	"web.contenido_cms.pagina":    "Changed page",
	"web.url":                     "Published at",

	"web.status.por_autorizar": "Awaiting the Rector's Office authorization",
	"web.status.en_cms":        "Analysed; to be created on the site",
	"web.status.por_publicar":  "Created on the site; to be published",
	"web.status.cerrado":       "Published",

	"web.act.autorizar":    "Authorize publication",
	"web.act.no_autorizar": "Do not authorize",
	"web.act.analizar":     "Information analysed",
	"web.act.crear_cms":    "Created on the site",
	"web.act.publicar":     "Publish",

	"web.in.no_autorizar": "Type why the publication is not authorized; I will pass it on to the requester:",
	"web.in.analizar":     "Any note on how the information will be processed? (optional)",
	"web.in.crear_cms":    "What did you create in the site's content manager?",
	"web.in.publicar":     "Type the web address where it was published (for example https://www.university.edu/news/event):",

	"web.st.por_autorizar": "Your request {folio} awaits the Rector's Office authorization to be published on the website. I will tell you as soon as they answer.",
	"web.did.aprobar":      "{by} approved your request {folio}. It now awaits the Rector's Office authorization to be published.",
	"web.did.autorizar":    "{by} authorized the publication of your request {folio}. It is now in the IT Coordination's queue.",
	"web.did.no_autorizar": "{by} did not authorize the publication of your request {folio}.{notes}",
	"web.did.analizar":     "The IT Coordination analysed the information of your request {folio} and is preparing it on the website.",
	"web.did.crear_cms":    "The information of your request {folio} is created on the website; it remains to be published.",
	"web.did.publicar":     "Done! The information of your request {folio} is published on the university's website:\n{url}",

	"web.ask.por_autorizar": "{requester} ({area}) asks for authorization to publish on the university's website:",
	"web.ask.en_analisis":   "This publication is assigned to you. Analyse the information and record it:",
	"web.ask.en_cms":        "Create the content in the site's content manager and record what you created:",
	"web.ask.por_publicar":  "Publish the content and record its web address:",
}
