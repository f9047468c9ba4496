package config

import (
	"fmt"
	"reflect"
	"strconv"
	"strings"
	"time"

	"go.yaml.in/yaml/v3"
)

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
			if near := Nearest(key.Value, names, 3); len(near) > 0 {
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
