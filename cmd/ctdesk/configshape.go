package main

import (
	"fmt"
	"reflect"
	"regexp"
	"strconv"
	"strings"
	"time"

	"go.yaml.in/yaml/v3"
)

// problem is one mistake in the configuration file, at a line (0: the
// file as a whole).
type problem struct {
	line int
	msg  string
}

// configError is every problem of a configuration file, each on its own
// line as FILE:LINE: message.
type configError struct {
	source   string
	problems []problem
}

func (e *configError) Error() string {
	var b strings.Builder
	for i, p := range e.problems {
		if i > 0 {
			b.WriteByte('\n')
		}
		msg := oneLine.Replace(p.msg) // a value quoted from the file may span lines
		if p.line > 0 {
			fmt.Fprintf(&b, "%s:%d: %s", e.source, p.line, msg)
		} else {
			fmt.Fprintf(&b, "%s: %s", e.source, msg)
		}
	}
	return b.String()
}

// oneLine keeps a problem on its line.
var oneLine = strings.NewReplacer("\r\n", " ", "\n", " ", "\r", " ")

var durationType = reflect.TypeFor[time.Duration]()

// checkShape compares a YAML node with the Go type it fills and reports,
// in the operator's terms, every unknown or repeated key and every value
// of the wrong kind. where names the place for the message ("people › beto").
func checkShape(n *yaml.Node, t reflect.Type, where string, add func(int, string)) {
	if n.Kind == yaml.AliasNode && n.Alias != nil {
		n = n.Alias
	}
	if n.Tag == "!!null" {
		return
	}
	say := func(msg string) {
		if where != "" {
			msg = where + ": " + msg
		}
		add(n.Line, msg)
	}
	switch {
	case t == durationType:
		if _, err := time.ParseDuration(n.Value); n.Kind != yaml.ScalarNode || err != nil {
			say(fmt.Sprintf("se espera una duración como 24h, 90m o 30s, no «%s»", shown(n)))
		}
	case t.Kind() == reflect.Struct:
		if n.Kind != yaml.MappingNode {
			say("se espera una sección con claves («clave: valor»), no " + kindName(n))
			return
		}
		checkStruct(n, t, where, add)
	case t.Kind() == reflect.Slice:
		if n.Kind != yaml.SequenceNode {
			say("se espera una lista (renglones que empiezan con «- » o [a, b]), no " + kindName(n))
			return
		}
		for i, item := range n.Content {
			checkShape(item, t.Elem(), itemName(where, i, item), add)
		}
	case t.Kind() == reflect.Map:
		if n.Kind != yaml.MappingNode {
			say("se espera una sección con claves («clave: valor»), no " + kindName(n))
			return
		}
		for i := 0; i+1 < len(n.Content); i += 2 {
			checkShape(n.Content[i+1], t.Elem(), join(where, n.Content[i].Value), add)
		}
	default:
		if n.Kind != yaml.ScalarNode {
			say(scalarWanted(t) + ", no " + kindName(n))
			return
		}
		if err := n.Decode(reflect.New(t).Interface()); err != nil {
			say(fmt.Sprintf("%s, no «%s»", scalarWanted(t), n.Value))
		}
	}
}

// checkStruct checks the keys of a mapping against a struct's fields.
func checkStruct(n *yaml.Node, t reflect.Type, where string, add func(int, string)) {
	fields := yamlFields(t)
	var names []string
	for name := range fields {
		names = append(names, name)
	}
	ordered := orderedNames(t)
	seen := map[string]int{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		key, val := n.Content[i], n.Content[i+1]
		here := join(where, key.Value)
		if first, dup := seen[key.Value]; dup {
			add(key.Line, fmt.Sprintf("%s: la clave aparece dos veces (la primera en la línea %d); deja una", here, first))
			continue
		}
		seen[key.Value] = key.Line
		ft, ok := fields[key.Value]
		if !ok {
			msg := fmt.Sprintf("clave «%s» desconocida", key.Value)
			if near := nearest(key.Value, names, 3); len(near) > 0 {
				msg += "; ¿quisiste decir «" + strings.Join(near, "» o «") + "»?"
			}
			msg += " Las claves válidas aquí son: " + strings.Join(ordered, ", ")
			if where != "" {
				msg = where + ": " + msg
			}
			add(key.Line, msg)
			continue
		}
		checkShape(val, ft, here, add)
	}
}

// yamlFields maps the keys yaml reads into t to the fields' types: the
// yaml tag, or the lower-cased field name when there is none.
func yamlFields(t reflect.Type) map[string]reflect.Type {
	out := map[string]reflect.Type{}
	for i := range t.NumField() {
		f := t.Field(i)
		if name := yamlName(f); name != "" {
			out[name] = f.Type
		}
	}
	return out
}

func orderedNames(t reflect.Type) []string {
	var out []string
	for i := range t.NumField() {
		if name := yamlName(t.Field(i)); name != "" {
			out = append(out, name)
		}
	}
	return out
}

func yamlName(f reflect.StructField) string {
	if !f.IsExported() {
		return ""
	}
	name, _, _ := strings.Cut(f.Tag.Get("yaml"), ",")
	switch name {
	case "-":
		return ""
	case "":
		return strings.ToLower(f.Name)
	}
	return name
}

// itemName names a list item by its id (or name), else by its position.
func itemName(where string, i int, item *yaml.Node) string {
	if item.Kind == yaml.MappingNode {
		for _, key := range []string{"id", "name"} {
			for j := 0; j+1 < len(item.Content); j += 2 {
				if item.Content[j].Value == key && item.Content[j+1].Value != "" {
					return join(where, item.Content[j+1].Value)
				}
			}
		}
	}
	return join(where, "elemento "+strconv.Itoa(i+1))
}

func join(where, name string) string {
	if where == "" {
		return name
	}
	return where + " › " + name
}

func scalarWanted(t reflect.Type) string {
	switch t.Kind() {
	case reflect.Bool:
		return "se espera true o false"
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return "se espera un número entero"
	case reflect.Float32, reflect.Float64:
		return "se espera un número"
	}
	return "se espera un texto"
}

func kindName(n *yaml.Node) string {
	switch n.Kind {
	case yaml.MappingNode:
		return "una sección con claves"
	case yaml.SequenceNode:
		return "una lista"
	}
	return "«" + n.Value + "»"
}

func shown(n *yaml.Node) string {
	if n.Kind == yaml.ScalarNode {
		return n.Value
	}
	return kindName(n)
}

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
