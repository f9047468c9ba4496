package telegram

import (
	"strings"
	"unicode/utf16"
	"unicode/utf8"
)

// maxText is Telegram's limit on a message's text, in UTF-16 code units.
const maxText = 4096

// utf16Len is the length Telegram counts.
func utf16Len(s string) int {
	n := 0
	for _, r := range s {
		n += utf16.RuneLen(r)
	}
	return n
}

// split cuts plain text into parts of at most limit UTF-16 units, at line
// boundaries when it can, inside a line (never inside a character) when a
// line alone is too long.
func split(text string, limit int) []string {
	if utf16Len(text) <= limit {
		return []string{text}
	}
	var parts []string
	var cur strings.Builder
	curLen := 0
	flush := func() {
		if s := strings.TrimRight(cur.String(), "\n"); strings.TrimSpace(s) != "" {
			parts = append(parts, s)
		}
		cur.Reset()
		curLen = 0
	}
	for _, line := range strings.SplitAfter(text, "\n") {
		n := utf16Len(line)
		if curLen+n > limit {
			flush()
		}
		for n > limit { // one line longer than a message
			head, rest := cutUnits(line, limit)
			parts = append(parts, head)
			line, n = rest, utf16Len(rest)
		}
		cur.WriteString(line)
		curLen += n
	}
	flush()
	return parts
}

// cutUnits splits s after at most limit UTF-16 units, preferring a space;
// the head holds at least one character, even one wider than limit, so a
// caller cutting in a loop always advances.
func cutUnits(s string, limit int) (string, string) {
	n, end, space := 0, 0, -1
	for i, r := range s {
		w := utf16.RuneLen(r)
		if n+w > limit {
			break
		}
		n += w
		end = i + len(string(r))
		if r == ' ' {
			space = end
		}
	}
	if space > end/2 {
		end = space
	}
	if end == 0 && s != "" {
		_, end = utf8.DecodeRuneInString(s)
	}
	return s[:end], s[end:]
}
