// Package check holds the rules a typed answer must follow to be kept: an
// e-mail address, a person's name, a web address. Its functions are pure,
// so the engine and the fuzz tests call the same code.
package check

import (
	"net/mail"
	"strings"
)

// EmailProblem says what is wrong with a typed e-mail address.
type EmailProblem int

// What Email finds wrong, if anything.
const (
	EmailOK          EmailProblem = iota
	EmailMalformed                // not an address by the mail rules
	EmailOtherDomain              // an address, but not of the institution's domain
)

// maxEmail is the longest address SMTP carries (RFC 5321 §4.5.3.1.3).
const maxEmail = 254

// Email reads a typed address: trimmed and lower-cased, with "@" and the
// institution's domain added when the person typed only the local part and
// domain is set. The address has an ASCII dot-atom local part (RFC 5322
// atext separated by single dots, at most 64 bytes) and a host name of at
// least two labels; when domain is set it must be that domain.
func Email(text, domain string) (string, EmailProblem) {
	addr := strings.ToLower(strings.TrimSpace(text))
	domain = strings.ToLower(domain)
	if domain != "" && addr != "" && !strings.Contains(addr, "@") {
		addr += "@" + domain
	}
	local, host, ok := strings.Cut(addr, "@")
	if !ok || len(addr) > maxEmail || len(local) > 64 || !DotAtom(local) || !HostName(host) {
		return "", EmailMalformed
	}
	if a, err := mail.ParseAddress(addr); err != nil || a.Address != addr || a.Name != "" {
		return "", EmailMalformed
	}
	if domain != "" && host != domain {
		return "", EmailOtherDomain
	}
	return addr, EmailOK
}

// DotAtom reports whether s is an RFC 5322 dot-atom of ASCII atext: no
// leading, trailing or doubled dot, no space, quote or non-ASCII letter.
func DotAtom(s string) bool {
	if s == "" || s[0] == '.' || s[len(s)-1] == '.' || strings.Contains(s, "..") {
		return false
	}
	for i := 0; i < len(s); i++ {
		if c := s[i]; c != '.' && !atext(c) {
			return false
		}
	}
	return true
}

// atext reports whether c may appear in an atom (RFC 5322 §3.2.3).
func atext(c byte) bool {
	switch {
	case c >= 'a' && c <= 'z', c >= 'A' && c <= 'Z', c >= '0' && c <= '9':
		return true
	}
	return strings.IndexByte("!#$%&'*+-/=?^_`{|}~", c) >= 0
}

// HostName reports whether s is an ASCII host name of at least two
// labels: letters, digits and inner hyphens, each label 1–63 bytes.
func HostName(s string) bool {
	if len(s) > 253 {
		return false
	}
	labels := strings.Split(s, ".")
	if len(labels) < 2 {
		return false
	}
	for _, l := range labels {
		if !label(l) {
			return false
		}
	}
	return true
}

func label(l string) bool {
	if l == "" || len(l) > 63 || l[0] == '-' || l[len(l)-1] == '-' {
		return false
	}
	for i := 0; i < len(l); i++ {
		c := l[i]
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-') {
			return false
		}
	}
	return true
}
