package config

import (
	"regexp"
	"strconv"
	"strings"
)

var yamlErrLine = regexp.MustCompile(`^yaml: (?:line (\d+): )?(.*)$`)

// yamlSyntaxHints translate the YAML parser's messages, with what to do.
var yamlSyntaxHints = []struct{ en, es string }{
	{"did not find expected node content", "falta un valor o sobra un símbolo (por ejemplo una coma o un «-» sin nada después); revisa este renglón y el anterior"},
	{"mapping values are not allowed in this context", "hay un «:» donde no se espera; si el valor lleva «:», ponlo entre comillas, y revisa la sangría"},
	{"could not find expected ':'", "falta el «:» entre la clave y su valor, o la sangría no coincide con la del renglón anterior"},
	{"did not find expected key", "la sangría no coincide: las claves de una misma sección deben empezar en la misma columna"},
	{"found character that cannot start any token", "hay un carácter que no puede empezar un valor (¿un tabulador?); usa espacios para la sangría y pon entre comillas los valores con @, ` o %"},
	{"found a tab character", "hay un tabulador en la sangría; YAML solo admite espacios"},
	{"did not find expected '-' indicator", "un elemento de la lista no empieza con «- » en la misma columna que los demás"},
	{"did not find expected ',' or ']'", "una lista entre corchetes no está bien cerrada: separa con comas y termina con «]»"},
	{"did not find expected ',' or '}'", "una sección entre llaves no está bien cerrada: separa con comas y termina con «}»"},
	{"found unexpected end of stream", "el archivo termina antes de tiempo: una comilla, un corchete o una llave quedó sin cerrar"},
	{"found undefined alias", "se usa un alias (*nombre) que no está definido con &nombre"},
	{"did not find expected alphabetic or numeric character", "hay un «&» o «*» suelto; pon el valor entre comillas"},
	{"control characters are not allowed", "el archivo tiene caracteres de control; guárdalo como texto UTF-8"},
	{"invalid leading UTF-8 octet", "el archivo no está en UTF-8; guárdalo como texto UTF-8"},
	{"invalid trailing UTF-8 octet", "el archivo no está en UTF-8; guárdalo como texto UTF-8"},
	{"found unknown escape character", "hay una «\\» que no se entiende dentro de comillas dobles; usa comillas simples o escribe \\\\"},
	{"unexpected end of stream", "el archivo termina antes de tiempo"},
	{"block sequence entries are not allowed in this context", "un «- » de lista no puede ir en el mismo renglón que su clave: pon cada elemento en su propio renglón, con más sangría"},
}

// yamlSyntax turns a YAML parser error into a problem in Spanish.
func yamlSyntax(err error) problem {
	m := yamlErrLine.FindStringSubmatch(err.Error())
	if m == nil {
		return problem{msg: "el YAML no es válido (" + err.Error() + ")"}
	}
	line, _ := strconv.Atoi(m[1])
	for _, h := range yamlSyntaxHints {
		if strings.Contains(m[2], h.en) {
			return problem{line: line, msg: "el YAML no es válido: " + h.es}
		}
	}
	return problem{line: line, msg: "el YAML no es válido (" + m[2] + "); revisa la sangría, los «:» y las comillas de este renglón"}
}
