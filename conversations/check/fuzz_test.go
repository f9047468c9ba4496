package check

import (
	"net/mail"
	"strings"
	"testing"
	"unicode"
)

// FuzzFields checks the rules of e-mails, names and web addresses on any
// text: what one accepts is ASCII where it must be, holds no markup, and is
// accepted again unchanged.
func FuzzFields(f *testing.F) {
	for _, s := range []string{"maria.gomez", "ñ@upe.edu.mx", "no es correo", `<b>&"'`, "O'Brien",
		"upe.edu.mx/avisos?x=1", `"a b"@upe.edu.mx`, "a@b.c", "https://user@x.mx", "Jose\u0301 Pérez"} {
		f.Add(s, "upe.edu.mx")
	}
	f.Add("rosa@otra.org", "")
	f.Fuzz(func(t *testing.T, text, domain string) {
		checkEmail(t, text, domain)
		checkName(t, text)
		checkURL(t, text)
	})
}

func checkEmail(t *testing.T, text, domain string) {
	addr, problem := Email(text, domain)
	if problem != EmailOK {
		if addr != "" {
			t.Fatalf("Email(%q, %q) refused but returned %q", text, domain, addr)
		}
		return
	}
	local, host, _ := strings.Cut(addr, "@")
	if strings.Count(addr, "@") != 1 || !DotAtom(local) || !HostName(host) || len(addr) > maxEmail {
		t.Fatalf("Email(%q, %q) = %q, not a dot-atom address", text, domain, addr)
	}
	for _, r := range addr {
		if r > unicode.MaxASCII || unicode.IsUpper(r) {
			t.Fatalf("Email(%q, %q) = %q: not lower-case ASCII", text, domain, addr)
		}
	}
	if domain != "" && host != strings.ToLower(domain) {
		t.Fatalf("Email(%q, %q) = %q: another domain", text, domain, addr)
	}
	if a, err := mail.ParseAddress(addr); err != nil || a.Address != addr {
		t.Fatalf("Email(%q, %q) = %q, which net/mail reads as %v, %v", text, domain, addr, a, err)
	}
	if again, p := Email(addr, domain); again != addr || p != EmailOK {
		t.Fatalf("Email(%q) = %q, %d; want it unchanged", addr, again, p)
	}
}

func checkName(t *testing.T, text string) {
	name, ok := Name(text)
	if !ok {
		return
	}
	if strings.ContainsAny(name, "<>&\"\n\t") || strings.Contains(name, "  ") {
		t.Fatalf("Name(%q) = %q: holds markup or loose spaces", text, name)
	}
	letters := 0
	for _, r := range name {
		if unicode.IsLetter(r) {
			letters++
		}
	}
	if letters < 2 {
		t.Fatalf("Name(%q) = %q: fewer than two letters", text, name)
	}
	if again, ok := Name(name); again != name || !ok {
		t.Fatalf("Name(%q) = %q, %v; want it unchanged", name, again, ok)
	}
}

func checkURL(t *testing.T, text string) {
	u, ok := URL(text)
	if !ok {
		return
	}
	if !strings.HasPrefix(u, "http://") && !strings.HasPrefix(u, "https://") || strings.ContainsAny(u, " \t\r\n") {
		t.Fatalf("URL(%q) = %q: not an http address", text, u)
	}
	if again, ok := URL(u); again != u || !ok {
		t.Fatalf("URL(%q) = %q, %v; want it unchanged", u, again, ok)
	}
}
