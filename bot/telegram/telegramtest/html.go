package telegramtest

import (
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"
)

// utf16Len counts UTF-16 code units, the unit of Telegram's length limits and entity offsets.
func utf16Len(s string) int {
	n := 0
	for _, r := range s {
		if r >= 0x10000 {
			n += 2
		} else {
			n++
		}
	}
	return n
}

var htmlEntityTypes = map[string]string{
	"b": "bold", "strong": "bold", "i": "italic", "em": "italic", "u": "underline", "ins": "underline",
	"s": "strikethrough", "strike": "strikethrough", "del": "strikethrough", "span": "spoiler",
	"tg-spoiler": "spoiler", "a": "text_link", "code": "code", "pre": "pre", "blockquote": "blockquote",
}

type openTag struct {
	name   string
	entity Entity
	offset int // byte offset of the tag in the source
}

// parseHTML turns Telegram HTML into plain text and entities, or returns the error text that
// follows "can't parse entities: ".
func parseHTML(src string) (string, []Entity, error) {
	p := &htmlParser{src: src}
	for i := 0; i < len(src); {
		var n int
		var err error
		switch src[i] {
		case '&':
			n, err = p.charRef(i)
		case '<':
			if i+1 < len(src) && src[i+1] == '/' {
				n, err = p.endTag(i)
			} else {
				n, err = p.startTag(i)
			}
		default:
			r, size := utf8.DecodeRuneInString(src[i:])
			p.out.WriteString(src[i : i+size])
			p.pos += utf16Len(string(r))
			n = size
		}
		if err != nil {
			return "", nil, err
		}
		i += n
	}
	if len(p.stack) > 0 {
		return "", nil, fmt.Errorf("can't find end tag corresponding to start tag \"%s\"", p.stack[len(p.stack)-1].name)
	}
	sortEntities(p.ents)
	return p.out.String(), p.ents, nil
}

// htmlParser is the state of parseHTML; each step returns how many bytes it read.
type htmlParser struct {
	src   string
	out   strings.Builder
	ents  []Entity
	stack []openTag
	pos   int // UTF-16 position in out
}

// charRef reads an entity such as &amp; at i.
func (p *htmlParser) charRef(i int) (int, error) {
	r, n := decodeEntity(p.src[i:])
	if n == 0 {
		return 0, fmt.Errorf("unescaped \"&\" at byte offset %d; write &amp;", i)
	}
	p.out.WriteRune(r)
	p.pos += utf16Len(string(r))
	return n, nil
}

// endTag reads </name> at i and closes the entity it ends.
func (p *htmlParser) endTag(i int) (int, error) {
	end := strings.IndexByte(p.src[i:], '>')
	if end < 0 {
		return 0, fmt.Errorf("unclosed end tag at byte offset %d", i)
	}
	name := strings.ToLower(strings.TrimSpace(p.src[i+2 : i+end]))
	if len(p.stack) == 0 {
		return 0, fmt.Errorf("unexpected end tag at byte offset %d", i)
	}
	top := p.stack[len(p.stack)-1]
	if name != top.name {
		return 0, fmt.Errorf("unmatched end tag at byte offset %d, expected \"</%s>\", found \"</%s>\"", i, top.name, name)
	}
	p.stack = p.stack[:len(p.stack)-1]
	e := top.entity
	e.Length = p.pos - e.Offset
	if e.Length > 0 && e.Type != "" {
		p.ents = append(p.ents, e)
	}
	return end + 1, nil
}

// startTag reads <name attrs> at i and opens its entity.
func (p *htmlParser) startTag(i int) (int, error) {
	src := p.src
	end := strings.IndexByte(src[i:], '>')
	j := i + 1
	for j < len(src) && (isAlnum(src[j]) || src[j] == '-') {
		j++
	}
	name := strings.ToLower(src[i+1 : j])
	typ, ok := htmlEntityTypes[name]
	if !ok {
		return 0, fmt.Errorf("unsupported start tag \"%s\" at byte offset %d", name, i)
	}
	if end < 0 {
		return 0, fmt.Errorf("unclosed start tag at byte offset %d", i)
	}
	attrs, err := parseAttrs(src[j:i+end], j)
	if err != nil {
		return 0, err
	}
	e := Entity{Type: typ, Offset: p.pos}
	switch name {
	case "span":
		if attrs["class"] != "tg-spoiler" {
			return 0, fmt.Errorf("tag \"span\" must have class \"tg-spoiler\" at byte offset %d", i)
		}
	case "a":
		e.URL = attrs["href"]
		if e.URL == "" {
			e.Type = ""
		}
	case "code":
		if len(p.stack) > 0 && p.stack[len(p.stack)-1].name == "pre" {
			// <pre><code class="language-x"> is one pre entity with a language.
			p.stack[len(p.stack)-1].entity.Language, _ = strings.CutPrefix(attrs["class"], "language-")
			e.Type = ""
		}
	case "blockquote":
		if _, ok := attrs["expandable"]; ok {
			e.Type = "expandable_blockquote"
		}
	}
	p.stack = append(p.stack, openTag{name: name, entity: e, offset: i})
	return end + 1, nil
}

func isAlnum(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
}

// parseAttrs reads name="value", name='value', name=value and bare names.
func parseAttrs(s string, base int) (map[string]string, error) {
	attrs := map[string]string{}
	i := 0
	for {
		for i < len(s) && (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '/') {
			i++
		}
		if i >= len(s) {
			return attrs, nil
		}
		j := i
		for j < len(s) && (isAlnum(s[j]) || s[j] == '-' || s[j] == '_') {
			j++
		}
		if j == i {
			return nil, fmt.Errorf("expected equal sign in declaration of an attribute of the start tag at byte offset %d", base+i)
		}
		name := strings.ToLower(s[i:j])
		i = j
		if i >= len(s) || s[i] != '=' {
			attrs[name] = ""
			continue
		}
		i++
		var val string
		if i < len(s) && (s[i] == '"' || s[i] == '\'') {
			q := s[i]
			k := strings.IndexByte(s[i+1:], q)
			if k < 0 {
				return nil, fmt.Errorf("unclosed start tag at byte offset %d", base+i)
			}
			val = s[i+1 : i+1+k]
			i += k + 2
		} else {
			k := i
			for k < len(s) && s[k] != ' ' && s[k] != '\t' && s[k] != '\n' {
				k++
			}
			val = s[i:k]
			i = k
		}
		plain, _, err := parseHTML(val)
		if err != nil {
			plain = val
		}
		attrs[name] = plain
	}
}

// decodeEntity decodes &lt; &gt; &amp; &quot; and numeric entities at the start of s.
func decodeEntity(s string) (rune, int) {
	for name, r := range map[string]rune{"&lt;": '<', "&gt;": '>', "&amp;": '&', "&quot;": '"'} {
		if strings.HasPrefix(s, name) {
			return r, len(name)
		}
	}
	if !strings.HasPrefix(s, "&#") {
		return 0, 0
	}
	semi := strings.IndexByte(s, ';')
	if semi < 3 || semi > 12 {
		return 0, 0
	}
	num := s[2:semi]
	var v uint64
	var err error
	if num[0] == 'x' || num[0] == 'X' {
		v, err = strconv.ParseUint(num[1:], 16, 32)
	} else {
		v, err = strconv.ParseUint(num, 10, 32)
	}
	if err != nil || v == 0 || v > utf8.MaxRune || (v >= 0xD800 && v <= 0xDFFF) {
		return 0, 0
	}
	return rune(v), semi + 1
}

func sortEntities(ents []Entity) {
	for i := 1; i < len(ents); i++ {
		for j := i; j > 0 && (ents[j].Offset < ents[j-1].Offset ||
			ents[j].Offset == ents[j-1].Offset && ents[j].Length > ents[j-1].Length); j-- {
			ents[j], ents[j-1] = ents[j-1], ents[j]
		}
	}
}

// formatText applies parse_mode to a text or caption, giving the plain text and its entities.
func formatText(text, parseMode, entitiesJSON string) (string, []Entity, *reply) {
	if !utf8.ValidString(text) {
		rep := badRequest("strings must be encoded in UTF-8")
		return "", nil, &rep
	}
	switch strings.ToLower(parseMode) {
	case "":
		ents, rep := parseEntitiesParam(entitiesJSON)
		return text, ents, rep
	case "html":
		plain, ents, err := parseHTML(text)
		if err != nil {
			msg := err.Error()
			rep := badRequest("can't parse entities: %s", strings.ToUpper(msg[:1])+msg[1:])
			return "", nil, &rep
		}
		return plain, ents, nil
	case "markdown", "markdownv2":
		return text, nil, nil
	default:
		rep := badRequest("unsupported parse_mode")
		return "", nil, &rep
	}
}
