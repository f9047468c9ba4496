package main

import (
	"fmt"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// fiveServices plays, through the console, one request of each of the
// five services from the request to its rating, with files attached and
// dates counted from today. dir receives the files it sends.
func fiveServices(t *testing.T, dir string) string {
	t.Helper()
	day := func(days int) string { return time.Now().In(mexico(t)).AddDate(0, 0, days).Format("02/01/2006") }
	file := func(name, content string) string {
		path := filepath.Join(dir, name)
		writeFile(t, path, content)
		return "/file " + path
	}
	mantenimiento := []string{"/as rosa", "/nueva", "Mantenimiento de equipo", "Impresora", "INV-2231",
		"Edificio A, planta baja, oficina de Finanzas", "No imprime; marca atasco de papel.", "Alta: no puedo trabajar",
		file("falla.jpg", "\xff\xd8\xff\xe0 foto de la falla"), "Listo", "Enviar",
		"/as beto", "Tomar", "Registrar diagnóstico", day(10), "Rodillo de alimentación desgastado.",
		"Retirar equipo", "Se lleva al taller de CT, edificio C.", "/as rosa", "Confirmo el retiro",
		"/as beto", "Cambiar fecha", day(20), "La pieza de repuesto llega después.",
		"Devolver equipo", "Omitir", "/as rosa", "Confirmo la devolución",
		"/as beto", "Informar resultado", file("reporte.pdf", "%PDF-1.4 reporte"), "Se cambió el rodillo. Usar papel de 75 g.",
		"/as rosa", "Funciona bien", "5"}
	web := []string{"/as rosa", "/nueva", "Publicación en el sitio web", "Un artículo o noticia",
		"Convocatoria a la feria de finanzas personales", "La Dirección de Finanzas invita a la feria de finanzas personales.",
		file("cartel.jpg", "\xff\xd8\xff\xe0 cartel"), "Listo", day(30), "Enviar",
		"/as rect", "Autorizar publicación", "/as beto", "Tomar", "Información analizada", day(20), "Omitir",
		"Creado en el sitio", "Artículo", "Publicar", "https://www.upe.edu.mx/noticias/feria-finanzas", "/as rosa", "4"}
	diseno := []string{"/as rosa", "/nueva", "Diseño gráfico", "Feria de finanzas personales", day(60), "Cartel", "Listo",
		"60×90 cm, impreso a color", "Feria de finanzas personales · Auditorio · Entrada libre", day(50), "Omitir", "Enviar",
		"/as beto", "Tomar", "Analizar y fijar fecha", day(40), "Enviar bocetos", file("boceto.png", "\x89PNG boceto"), "Listo",
		"/as rosa", "Aprobar", "/as beto", "Entregar diseño final", file("final.pdf", "%PDF-1.4 final"), file("final.ai", "%!PS-Adobe fuentes"), "Listo",
		"/as rosa", "5"}
	escolar := []string{"/as rosa", "/nueva", "Sistema de control escolar", "Mantenimiento o adecuación", "Calificaciones",
		"Corregir la calificación final de un alumno capturada por error.", "Omitir",
		"Alta: afecta un proceso escolar en curso", "Omitir", "Enviar",
		"/as beto", "Tomar", "Pedir documentos", "Oficio de la Dirección Académica que autorice la corrección.",
		"/as rosa", "Enviar documentos", file("oficio.pdf", "%PDF-1.4 oficio"), "Listo",
		"/as beto", "Fijar fecha", day(5), "Adecuación terminada", "Se corrigió la calificación y se regeneró el kárdex.", "/as rosa", "5"}
	var b strings.Builder
	for _, script := range [][]string{mantenimiento, web, diseno, escolar} {
		b.WriteString(strings.Join(script, "\n") + "\n")
	}
	return b.String() + altaScript
}

// thisYearFolio is the n-th folio of the current year.
func thisYearFolio(t *testing.T, n int) string {
	return fmt.Sprintf("CT-%d-%04d", time.Now().In(mexico(t)).Year(), n)
}
